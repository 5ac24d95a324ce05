//! The screens' reads: each screen's data is one SQL statement, written
//! once in SQLite's words and put into PostgreSQL's by [`dialect`], so a
//! screen costs one round trip on a shared server.
//!
//! On a SQLite file the statement runs on a [`Reader`]: a connection of
//! this store's own, read-only, asked on the caller's thread with its
//! prepared statements kept. A statement through the pool travels to the
//! connection's worker thread and every row back, which cost more than the
//! query itself (a lookup took 30 times what SQLite needs). On a server,
//! in memory and inside an [`crate::AllOrNothing`] (whose reads must see
//! its own changes) the pool answers the same statement.

use std::sync::Mutex;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ConnectionTrait, DatabaseBackend, QueryResult, Statement};

use crate::{Result, Store, StoreError, unit::Db};

/// A value bound to a `?` of a screen's statement.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Param {
    Int(i64),
    Text(String),
    Date(NaiveDate),
}

impl From<i64> for Param {
    fn from(n: i64) -> Self {
        Param::Int(n)
    }
}

impl From<&str> for Param {
    fn from(s: &str) -> Self {
        Param::Text(s.to_owned())
    }
}

impl From<String> for Param {
    fn from(s: String) -> Self {
        Param::Text(s)
    }
}

impl From<NaiveDate> for Param {
    fn from(d: NaiveDate) -> Self {
        Param::Date(d)
    }
}

impl Param {
    pub fn value(&self) -> sea_orm::Value {
        match self {
            Param::Int(n) => (*n).into(),
            Param::Text(s) => s.clone().into(),
            Param::Date(d) => (*d).into(),
        }
    }
}

impl rusqlite::ToSql for Param {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::{ToSqlOutput, ValueRef};
        Ok(match self {
            Param::Int(n) => ToSqlOutput::Borrowed(ValueRef::Integer(*n)),
            Param::Text(s) => ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes())),
            // As sqlx writes a date into SQLite.
            Param::Date(d) => ToSqlOutput::Owned(d.format("%F").to_string().into()),
        })
    }
}

/// A statement in SQLite's words, put into PostgreSQL's: `?` becomes
/// `$1`, `$2`… ([`numbered`]), SQLite's JSON functions PostgreSQL's
/// (both keep an `ORDER BY` inside the aggregate), and SQLite's
/// `INDEXED BY` (see `crate::detail`) goes: PostgreSQL plans alone.
/// SQLite's `datetime(x, '-N days')` becomes `(x - interval 'N days')`.
pub(crate) fn dialect(sql: &str, backend: DatabaseBackend) -> String {
    if backend != DatabaseBackend::Postgres {
        return sql.to_owned();
    }
    let mut sql = sql.to_owned();
    while let Some(at) = sql.find(" INDEXED BY ") {
        let name = at + " INDEXED BY ".len();
        let end = sql[name..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .map_or(sql.len(), |n| name + n);
        sql.replace_range(at..end, "");
    }
    let mut from = 0;
    while let Some(at) = sql[from..].find("datetime(").map(|n| from + n) {
        let open = at + "datetime(".len();
        let mut depth = 1;
        let close = sql[open..]
            .char_indices()
            .find(|&(_, c)| {
                depth += match c {
                    '(' => 1,
                    ')' => -1,
                    _ => 0,
                };
                depth == 0
            })
            .map(|(n, _)| open + n);
        let Some(close) = close else { break };
        let inner = &sql[open..close];
        let replaced = inner.rsplit_once(", '-").and_then(|(time, modifier)| {
            let days = modifier.strip_suffix(" days'")?;
            days.parse::<u32>()
                .ok()
                .map(|_| format!("({time} - interval '{days} days')"))
        });
        match replaced {
            Some(pg) => {
                sql.replace_range(at..=close, &pg);
                from = at + pg.len();
            }
            None => from = close,
        }
    }
    let sql = sql
        .replace("json_group_array(", "json_agg(")
        .replace("json_object(", "json_build_object(")
        .replace("json_array(", "json_build_array(");
    numbered(&sql, backend)
}

/// `?` placeholders as the back end wants them: PostgreSQL's `$1`, `$2`…
pub(crate) fn numbered(sql: &str, backend: DatabaseBackend) -> String {
    if backend != DatabaseBackend::Postgres {
        return sql.to_owned();
    }
    let mut out = String::with_capacity(sql.len() + 16);
    let mut n = 0;
    for c in sql.chars() {
        if c == '?' {
            n += 1;
            out.push_str(&format!("${n}"));
        } else {
            out.push(c);
        }
    }
    out
}

/// One row of a screen's answer, from either connection.
pub(crate) enum Row<'a> {
    Lite(&'a rusqlite::Row<'a>),
    Pool(&'a QueryResult),
}

fn decode(e: impl std::fmt::Display) -> StoreError {
    StoreError::Database(e.to_string())
}

impl Row<'_> {
    pub fn int(&self, i: usize) -> Result<i64> {
        self.opt_int(i)?
            .ok_or_else(|| decode(format!("column {i} is null")))
    }

    pub fn opt_int(&self, i: usize) -> Result<Option<i64>> {
        match self {
            Row::Lite(r) => r.get(i).map_err(decode),
            Row::Pool(r) => r
                .try_get_by_index::<Option<i64>>(i)
                .or_else(|_| {
                    r.try_get_by_index::<Option<i32>>(i)
                        .map(|n| n.map(i64::from))
                })
                .map_err(decode),
        }
    }

    pub fn text(&self, i: usize) -> Result<String> {
        match self {
            Row::Lite(r) => r.get(i).map_err(decode),
            Row::Pool(r) => r.try_get_by_index(i).map_err(decode),
        }
    }

    pub fn opt_text(&self, i: usize) -> Result<Option<String>> {
        match self {
            Row::Lite(r) => r.get(i).map_err(decode),
            Row::Pool(r) => r.try_get_by_index(i).map_err(decode),
        }
    }

    pub fn opt_date(&self, i: usize) -> Result<Option<NaiveDate>> {
        match self {
            Row::Lite(r) => {
                let text: Option<String> = r.get(i).map_err(decode)?;
                text.map(|t| NaiveDate::parse_from_str(&t, "%F").map_err(decode))
                    .transpose()
            }
            Row::Pool(r) => r.try_get_by_index(i).map_err(decode),
        }
    }

    pub fn time(&self, i: usize) -> Result<DateTime<Utc>> {
        match self {
            Row::Lite(r) => {
                let text: String = r.get(i).map_err(decode)?;
                parse_time(&text).ok_or_else(|| decode(format!("not a time: {text}")))
            }
            Row::Pool(r) => r.try_get_by_index(i).map_err(decode),
        }
    }

    pub fn date(&self, i: usize) -> Result<NaiveDate> {
        match self {
            Row::Lite(r) => {
                let text: String = r.get(i).map_err(decode)?;
                NaiveDate::parse_from_str(&text, "%F").map_err(decode)
            }
            Row::Pool(r) => r.try_get_by_index(i).map_err(decode),
        }
    }

    /// A column made by `json_object` or `json_group_array`; `None` for
    /// null (an aggregate over no rows on PostgreSQL).
    pub fn json<T: serde::de::DeserializeOwned>(&self, i: usize) -> Result<Option<T>> {
        let text: Option<String> = match self {
            Row::Lite(r) => r.get(i).map_err(decode)?,
            Row::Pool(r) => match r.try_get_by_index::<Option<String>>(i) {
                Ok(text) => text,
                // PostgreSQL's `json` type.
                Err(_) => {
                    let value: Option<serde_json::Value> = r.try_get_by_index(i).map_err(decode)?;
                    return value
                        .map(|v| serde_json::from_value(v).map_err(decode))
                        .transpose();
                }
            },
        };
        text.map(|t| serde_json::from_str(&t).map_err(decode))
            .transpose()
    }
}

/// `json_object('id', alias.id, …)` over every column of an entity, in
/// the names its model reads back.
pub(crate) fn json_row<E: sea_orm::EntityTrait>(alias: &str) -> String {
    use sea_orm::{IdenStatic, Iterable};
    let fields: Vec<String> = E::Column::iter()
        .map(|c| format!("'{0}', {alias}.{0}", c.as_str()))
        .collect();
    format!("json_object({})", fields.join(", "))
}

/// A fixed code (an enum's, never user input) written into a statement as
/// an SQL string literal.
pub(crate) fn literal(code: &'static str) -> &'static str {
    assert!(
        code.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'),
        "not a plain code: {code}"
    );
    code
}

/// A time as sqlx writes it into SQLite (RFC 3339), or as SQLite's own
/// functions write one.
pub(crate) fn parse_time(text: &str) -> Option<DateTime<Utc>> {
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Some(t.with_timezone(&Utc));
    }
    for format in ["%F %T%.f%:z", "%F %T%.f%#z"] {
        if let Ok(t) = DateTime::parse_from_str(text, format) {
            return Some(t.with_timezone(&Utc));
        }
    }
    chrono::NaiveDateTime::parse_from_str(text, "%F %T%.f")
        .ok()
        .map(|t| t.and_utc())
}

/// This store's own read-only connection to its SQLite file.
#[derive(Debug)]
pub(crate) struct Reader {
    conn: Mutex<Option<rusqlite::Connection>>,
}

impl Reader {
    /// Opens the file for reading, with its key when it is encrypted.
    /// `None` when that fails: the pool answers instead.
    pub fn open(path: &std::path::Path, key: Option<&crate::DbKey>) -> Option<Self> {
        use rusqlite::OpenFlags;
        let conn = rusqlite::Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .ok()?;
        if let Some(key) = key {
            conn.execute_batch(&format!(
                "PRAGMA key = {}; PRAGMA cipher_log_level = NONE; PRAGMA cache_size = -65536;",
                key.pragma()
            ))
            .ok()?;
        }
        conn.busy_timeout(std::time::Duration::from_secs(5)).ok()?;
        // The key is right and the schema readable (a wrong key fails here).
        conn.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()))
            .ok()?;
        conn.set_prepared_statement_cache_capacity(64);
        Some(Self {
            conn: Mutex::new(Some(conn)),
        })
    }

    /// Closes the connection; later reads go to the pool.
    pub fn close(&self) {
        if let Ok(mut conn) = self.conn.lock() {
            conn.take();
        }
    }

    /// Runs `sql` and decodes every row; `None` when closed.
    fn query<T>(
        &self,
        sql: &str,
        params: &[Param],
        mut each: impl FnMut(&Row<'_>) -> Result<T>,
    ) -> Option<Result<Vec<T>>> {
        let guard = self.conn.lock().ok()?;
        let conn = guard.as_ref()?;
        let mut run = || -> Result<Vec<T>> {
            let mut stmt = conn.prepare_cached(sql).map_err(decode)?;
            let mut rows = stmt
                .query(rusqlite::params_from_iter(params.iter()))
                .map_err(decode)?;
            let mut out = Vec::new();
            while let Some(row) = rows.next().map_err(decode)? {
                out.push(each(&Row::Lite(row))?);
            }
            Ok(out)
        };
        Some(run())
    }
}

impl Store {
    /// Runs one screen's statement (SQLite's words) and decodes each row:
    /// on this store's reader when it has one, else through the pool.
    pub(crate) async fn read<T>(
        &self,
        sql: &str,
        params: &[Param],
        mut each: impl FnMut(&Row<'_>) -> Result<T>,
    ) -> Result<Vec<T>> {
        if let (Db::Pool(_), Some(reader)) = (&self.db, &self.reader)
            && let Some(answer) = reader.query(sql, params, &mut each)
        {
            return answer;
        }
        let backend = self.db.get_database_backend();
        let rows = self
            .db
            .query_all_raw(Statement::from_sql_and_values(
                backend,
                dialect(sql, backend),
                params.iter().map(Param::value),
            ))
            .await?;
        rows.iter().map(|r| each(&Row::Pool(r))).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postgres_gets_numbered_parameters_and_its_json_functions() {
        let sql = "SELECT json_group_array(json_object('n', name)) FROM p WHERE a = ? AND b = ?";
        assert_eq!(
            dialect(sql, DatabaseBackend::Postgres),
            "SELECT json_agg(json_build_object('n', name)) FROM p WHERE a = $1 AND b = $2"
        );
        assert_eq!(dialect(sql, DatabaseBackend::Sqlite), sql);
        let sql = "SELECT json_array(q.id) FROM parties q INDEXED BY ix_parties_name \
                   WHERE q.name IN (SELECT name FROM k INDEXED BY ix_k)";
        assert_eq!(
            dialect(sql, DatabaseBackend::Postgres),
            "SELECT json_build_array(q.id) FROM parties q \
             WHERE q.name IN (SELECT name FROM k)"
        );
        let sql = "SELECT id FROM e WHERE e.t >= datetime((SELECT t FROM me), '-367 days') \
                   AND datetime(x, 'start of day') IS NOT NULL";
        assert_eq!(
            dialect(sql, DatabaseBackend::Postgres),
            "SELECT id FROM e WHERE e.t >= ((SELECT t FROM me) - interval '367 days') \
             AND datetime(x, 'start of day') IS NOT NULL"
        );
    }

    /// The screens of a plain and of an encrypted file are read on the
    /// store's own connection, and see a change as soon as it is committed.
    #[tokio::test]
    async fn a_file_is_read_on_the_stores_own_connection_plain_or_encrypted() {
        use crate::{Actor, NewAccount, Who};
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("r.sqlite3");
        let store = Store::open(&path.display().to_string())
            .await
            .expect("open");
        assert!(store.reader.is_some(), "a plain file has its reader");
        let valid = accord_core::demo::water_leak_case()
            .validate()
            .expect("valid");
        let case = store
            .create_case(&Actor::system(), &valid)
            .await
            .expect("case");
        let page = store
            .list_cases(&crate::CaseQuery::default())
            .await
            .expect("list");
        assert_eq!(page.total, 1);
        assert_eq!(store.case(case.id).await.expect("case"), case);
        store
            .create_account(
                None,
                &NewAccount {
                    login: "admin".into(),
                    name: "管理员".into(),
                    role: accord_core::UserRole::Administrator,
                    password: "correct horse battery".into(),
                },
            )
            .await
            .expect("account");
        store.close().await;
        assert!(Store::encrypt_file(&path).await.expect("encrypt"));
        let (store, _) = Store::unlock(&path, Who::Login("admin"), "correct horse battery")
            .await
            .expect("unlock");
        assert!(store.reader.is_some(), "an encrypted file has its reader");
        assert_eq!(
            store
                .case_by_number(case.number)
                .await
                .expect("lookup")
                .map(|c| c.id),
            Some(case.id)
        );
        let reader = store.reader.clone().expect("reader");
        store.close().await;
        // Closed with its store: no connection to the file is left open.
        assert!(reader.conn.lock().expect("lock").is_none());
    }

    #[test]
    fn times_read_as_sqlx_and_sqlite_write_them() {
        let t = parse_time("2025-02-12T08:30:00.123+00:00").expect("rfc 3339");
        assert_eq!(t.timestamp_millis() % 1000, 123);
        assert_eq!(
            parse_time("2025-02-12 08:30:00+00:00"),
            parse_time("2025-02-12T08:30:00Z")
        );
        assert!(parse_time("2025-02-12 08:30:00").is_some());
        assert!(parse_time("yesterday").is_none());
    }
}
