//! The screens of the app. Each has its own state, `Message`, `update`
//! returning an [`super::Action`] for the parent, and `view` taking a
//! [`super::Ctx`].

pub mod agreement;
pub mod case_detail;
pub mod case_file;
pub mod case_list;
pub mod desk;
pub mod first_run;
pub mod intake;
pub mod login;
pub mod new_user;
pub mod room;
pub mod stats;
pub mod today;
pub mod users;
