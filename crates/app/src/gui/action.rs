//! The one contract between a screen and its parent.
//!
//! Every screen has its own `Message`, an `update(&mut self, Message, &Ctx)
//! -> Action<Message>` and a `view(&self, &Ctx) -> Element<Message>`; the
//! parent wraps both with `.map`. An [`Action`] is one of a few things the
//! parent can do for a screen: nothing, run [`Job`]s (work on the database,
//! the disk or the printer, off the UI thread) whose answers come back as
//! the screen's own messages, go somewhere else ([`Route`]), show a notice,
//! or make another user current.

use std::{fmt, future::Future, pin::Pin};

use accord_core::LocalUser;
use accord_store::Store;

use crate::error::Phrase;

type BoxFuture<M> = Pin<Box<dyn Future<Output = M> + Send>>;

/// Work for the runtime: given the store, it produces one message. The
/// window runs it on the tokio runtime; tests run it directly. A few jobs
/// need no store: they open one (the login to an encrypted file, the
/// first start).
pub struct Job<M> {
    work: Box<dyn FnOnce(Option<Store>) -> BoxFuture<M> + Send>,
    needs_store: bool,
}

impl<M: Send + 'static> Job<M> {
    /// A job from an async function of the store.
    pub fn new<F, Fut>(work: F) -> Self
    where
        F: FnOnce(Store) -> Fut + Send + 'static,
        Fut: Future<Output = M> + Send + 'static,
    {
        Self {
            work: Box::new(move |store| match store {
                Some(store) => Box::pin(work(store)),
                // Never run so: see `needs_store`.
                None => Box::pin(std::future::pending()),
            }),
            needs_store: true,
        }
    }

    /// A job that needs no store.
    pub fn free<F, Fut>(work: F) -> Self
    where
        F: FnOnce() -> Fut + Send + 'static,
        Fut: Future<Output = M> + Send + 'static,
    {
        Self {
            work: Box::new(move |_| Box::pin(work())),
            needs_store: false,
        }
    }

    /// The same work, its answer wrapped for the parent.
    pub fn map<N: Send + 'static>(self, f: impl FnOnce(M) -> N + Send + 'static) -> Job<N> {
        let work = self.work;
        Job {
            work: Box::new(move |store| Box::pin(async move { f(work(store).await) })),
            needs_store: self.needs_store,
        }
    }

    /// Whether it runs only with a store (most do).
    pub fn needs_store(&self) -> bool {
        self.needs_store
    }

    /// Does the work.
    pub async fn run(self, store: Store) -> M {
        (self.work)(Some(store)).await
    }

    /// Does the work of a job that needs no store (see
    /// [`Job::needs_store`]).
    pub async fn run_free(self) -> M {
        (self.work)(None).await
    }
}

impl<M> fmt::Debug for Job<M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Job")
    }
}

/// Where the app can go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    /// Follow-ups due today and the outbox.
    Today,
    /// The case list.
    Cases,
    /// A new case (the intake form).
    NewCase,
    /// The users, the seal and the mail settings.
    Users,
    /// One case.
    Case(i64),
    /// The mediation room of a case.
    Room(i64),
    /// The settlement agreement of a case.
    Agreement(i64),
    /// The centre desk: the board and the roster.
    Desk,
    /// One case at the desk (assignment, time limit, transfer, judicial
    /// confirmation).
    CaseDesk(i64),
    /// The centre's statistics.
    Stats,
    /// A case's file: classification, risk flags, investigations, scans
    /// and the bound 卷宗.
    CaseFile(i64),
}

/// What a screen asks its parent to do after a message.
#[derive(Debug)]
pub enum Action<M> {
    /// Nothing.
    None,
    /// Run jobs; each answer comes back to the screen as its message.
    Run(Vec<Job<M>>),
    /// Show another screen.
    Navigate(Route),
    /// Show a one-line notice above the screen (translated when drawn).
    Notice(Phrase),
    /// This user is now the one at the keyboard.
    UserChanged(LocalUser),
    /// Several of these, in order.
    Many(Vec<Action<M>>),
}

impl<M: Send + 'static> Action<M> {
    /// One job.
    pub fn run<F, Fut>(work: F) -> Self
    where
        F: FnOnce(Store) -> Fut + Send + 'static,
        Fut: Future<Output = M> + Send + 'static,
    {
        Self::Run(vec![Job::new(work)])
    }

    /// One job that needs no store (it opens one).
    pub fn run_free<F, Fut>(work: F) -> Self
    where
        F: FnOnce() -> Fut + Send + 'static,
        Fut: Future<Output = M> + Send + 'static,
    {
        Self::Run(vec![Job::free(work)])
    }

    /// The same action for the parent, messages wrapped by `f`.
    pub fn map<N: Send + 'static>(self, f: impl Fn(M) -> N + Send + Clone + 'static) -> Action<N> {
        match self {
            Self::None => Action::None,
            Self::Run(jobs) => Action::Run(
                jobs.into_iter()
                    .map(|job| {
                        let f = f.clone();
                        job.map(f)
                    })
                    .collect(),
            ),
            Self::Navigate(route) => Action::Navigate(route),
            Self::Notice(phrase) => Action::Notice(phrase),
            Self::UserChanged(user) => Action::UserChanged(user),
            Self::Many(actions) => {
                Action::Many(actions.into_iter().map(|a| a.map(f.clone())).collect())
            }
        }
    }
}
