//! The worked example from the source report: the sixth-floor water leak in
//! a Qingshan district residential block (February 2025), with its parties
//! in Chinese. Used by `accord demo` and the first-run offer.

use chrono::{TimeZone, Utc};

use crate::{
    Category, Currency, IntakeChannel, Money, NewCase, NewIssue, NewParty, PartyKind, PartyRole,
};

/// A stable reference so loading the example twice does not duplicate it.
pub const WATER_LEAK_REF: &str = "demo:water-leak-2025";

/// The water-leak neighbour dispute as the grid worker reported it.
pub fn water_leak_case() -> NewCase {
    let person = |role, name: &str, id: &str, phone: &str, address: &str, email: &str| NewParty {
        kind: Some(PartyKind::Person),
        role: Some(role),
        name: name.into(),
        id_number: id.into(),
        phone: phone.into(),
        address: address.into(),
        email: email.into(),
        ..NewParty::default()
    };
    NewCase {
        category: Category::Neighbour,
        channel: IntakeChannel::GridReport,
        // 10 February 2025, 09:30 in Baotou (UTC+8).
        received_at: Utc
            .with_ymd_and_hms(2025, 2, 10, 1, 30, 0)
            .single()
            .unwrap_or_default(),
        summary: "青五社区某小区6楼住户王建国家中直饮水管道多次漏水，导致楼下5楼、4楼住户\
                  房屋顶棚、墙面及家具受损。王建国迟迟未维修管道，邻里关系急剧恶化。\
                  网格员李瑞芳巡查时通过“随手记”系统上报，社区调解员会同司法所、\
                  公安派出所介入调解。"
            .into(),
        parties: vec![
            person(
                PartyRole::Applicant,
                "李玥",
                "150204198509230024",
                "13804720501",
                "内蒙古自治区包头市青山区青山路街道青五社区3栋2单元501室",
                "li.yue@example.org",
            ),
            person(
                PartyRole::Applicant,
                "赵喆",
                "150204199003070056",
                "13904720401",
                "内蒙古自治区包头市青山区青山路街道青五社区3栋2单元401室",
                "zhao.zhe@example.org",
            ),
            person(
                PartyRole::Respondent,
                "王建国",
                "150204196805120031",
                "13704720601",
                "内蒙古自治区包头市青山区青山路街道青五社区3栋2单元601室",
                "wang.jianguo@example.org",
            ),
        ],
        issues: vec![
            NewIssue {
                title: "维修6楼直饮水管道，消除漏水".into(),
                claimed: None,
            },
            NewIssue {
                title: "赔偿5楼李玥顶棚、墙面及家具损失".into(),
                claimed: Some(Money::major(8_000, Currency::Cny)),
            },
            NewIssue {
                title: "赔偿4楼赵喆顶棚及墙面损失".into(),
                claimed: Some(Money::major(3_500, Currency::Cny)),
            },
        ],
    }
}

/// The example as the store holds it once saved (case id 1, number
/// 2025-0001, parties numbered 1, 2, 3), for tests and benchmarks that need
/// a whole case without a database.
pub fn water_leak_stored_case() -> crate::Case {
    let valid = water_leak_case()
        .validate()
        .unwrap_or_else(|_| unreachable!("the example validates"));
    crate::Case {
        id: 1,
        number: crate::CaseNumber::new(2025, 1),
        category: valid.category,
        channel: valid.channel,
        received_at: valid.received_at,
        summary: valid.summary,
        status: crate::CaseStatus::InMediation,
        parties: valid
            .parties
            .into_iter()
            .zip(1..)
            .map(|(mut p, id)| {
                p.id = id;
                p
            })
            .collect(),
        issues: Vec::new(),
        updated_at: valid.received_at,
        version: 1,
    }
}

/// The agreement the parties reached in the example, for a stored case
/// whose parties are (in order) 李玥, 赵喆 and 王建国.
pub fn water_leak_agreement(case: &crate::Case) -> crate::agreement::AgreementContent {
    use crate::agreement::{
        AgreementContent, Clause, Installment, Jurisdiction, Obligation, ObligationKind,
    };
    let id = |i: usize| case.parties.get(i).map(|p| p.id).unwrap_or_default();
    let date = |m, d| chrono::NaiveDate::from_ymd_opt(2025, m, d).unwrap_or_default();
    AgreementContent {
        jurisdiction: Jurisdiction::PrcPeoplesMediation,
        waive_unknown_claims: false,
        acceleration: false,
        mediation: "本委员会受理后，指派人民调解员边文玲主持调解，依法告知各方当事人在调解活动中享有的权利和承担的义务。\
                    调解员会同青山路街道司法所、公安派出所，先后组织各方当事人共同会谈一次、分别背对背沟通两轮，\
                    查看了受损房屋现场，释法明理，引导各方互谅互让。"
            .into(),
        facts: "2025年2月，被申请人王建国（6楼住户）家中直饮水管道多次漏水，致楼下申请人李玥（5楼）、\
                赵喆（4楼）房屋顶棚、墙面及家具受损。被申请人迟迟未维修管道，邻里关系急剧恶化。网格员李瑞芳\
                巡查时上报后，社区调解员会同司法所、公安派出所采取背对背方式分别做各方工作，释法明理。\
                各方确认漏水系6楼直饮水管道老化破裂所致，被申请人对申请人的损失负有赔偿责任。"
            .into(),
        clauses: vec![Clause {
            text: "双方本着互谅互让、和睦相处的原则，今后互相尊重，不再因本纠纷发生争执。".into(),
        }],
        obligations: vec![
            Obligation {
                debtor: id(2),
                creditor: None,
                kind: ObligationKind::Act,
                description: "自行修复六楼直饮水管道，消除漏水隐患".into(),
                amount: None,
                installments: Vec::new(),
                due: Some(date(2, 20)),
                method: "委托具备资质的维修单位施工".into(),
                place: "青五社区3栋2单元601室（被申请人住房）".into(),
                account: String::new(),
            },
            Obligation {
                debtor: id(2),
                creditor: Some(id(0)),
                kind: ObligationKind::Payment,
                description: "房屋及家具损失赔偿款".into(),
                amount: Some(Money::major(8_000, Currency::Cny)),
                installments: vec![
                    Installment { due: date(3, 1), amount: Money::major(5_000, Currency::Cny) },
                    Installment { due: date(3, 31), amount: Money::major(3_000, Currency::Cny) },
                ],
                due: None,
                method: "银行转账".into(),
                place: String::new(),
                account: "中国工商银行包头青山支行，户名：李玥，账号：6212 2602 0000 1234 567".into(),
            },
            Obligation {
                debtor: id(2),
                creditor: Some(id(1)),
                kind: ObligationKind::Payment,
                description: "顶棚修复费用".into(),
                amount: Some(Money::new(350_050, Currency::Cny)),
                installments: vec![Installment { due: date(3, 1), amount: Money::new(350_050, Currency::Cny) }],
                due: None,
                method: "现金".into(),
                place: "青山路街道人民调解委员会".into(),
                account: String::new(),
            },
        ],
        mediator: "边文玲".into(),
        recorder: "李瑞芳".into(),
        witnesses: vec!["张勇".into()],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_case_is_valid() {
        let case = water_leak_case()
            .validate()
            .expect("the example must validate");
        assert_eq!(case.parties.len(), 3);
        assert_eq!(case.issues.len(), 3);
    }
}
