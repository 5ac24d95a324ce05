//! The `accord` application: the iced desktop app and the command line.
//! A library so the UI tests can drive the real screens.

pub mod calendar;
pub mod cli;
pub mod error;
pub mod gui;
pub mod mail;
pub mod notify;
pub mod publish;
pub mod secret;
