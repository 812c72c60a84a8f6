//! The callback dispatcher: application callbacks run in order, never on the driver
//! thread and never while the library holds a lock — on one dispatcher thread, or (poll
//! mode) inside `handle_events` on the caller's thread.

use std::collections::VecDeque;
use std::sync::{Arc, Condvar, Mutex};
use std::thread::{JoinHandle, ThreadId};
use std::time::{Duration, Instant};

/// Where callbacks run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DispatchMode {
    /// On the library's dispatcher thread (PJSUA2 `threadCnt >= 1`).
    Thread,
    /// Queued until the application calls `handle_events` (PJSUA2 `threadCnt = 0` or
    /// `mainThreadOnly`).
    Poll,
}

/// A queued callback invocation.
pub type Task = Box<dyn FnOnce() + Send>;

struct Queue {
    tasks: VecDeque<Task>,
    closed: bool,
}

struct Shared {
    queue: Mutex<Queue>,
    ready: Condvar,
}

impl Shared {
    fn lock(&self) -> std::sync::MutexGuard<'_, Queue> {
        self.queue.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Runs queued tasks in order on the chosen thread.
pub struct Dispatcher {
    mode: DispatchMode,
    shared: Arc<Shared>,
    thread: Mutex<Option<JoinHandle<()>>>,
    thread_id: Option<ThreadId>,
}

impl Dispatcher {
    /// A dispatcher; in thread mode this starts the thread named `name`.
    pub fn new(mode: DispatchMode, name: &str) -> std::io::Result<Self> {
        let shared = Arc::new(Shared {
            queue: Mutex::new(Queue {
                tasks: VecDeque::new(),
                closed: false,
            }),
            ready: Condvar::new(),
        });
        let (thread, thread_id) = match mode {
            DispatchMode::Thread => {
                let s = shared.clone();
                let t = std::thread::Builder::new()
                    .name(name.to_string())
                    .spawn(move || {
                        while let Some(task) = next(&s, None) {
                            task();
                        }
                    })?;
                let id = t.thread().id();
                (Some(t), Some(id))
            }
            DispatchMode::Poll => (None, None),
        };
        Ok(Dispatcher {
            mode,
            shared,
            thread: Mutex::new(thread),
            thread_id,
        })
    }

    /// The mode.
    pub fn mode(&self) -> DispatchMode {
        self.mode
    }

    /// Queues a task. Ignored once the dispatcher is shut down.
    pub fn post(&self, task: Task) {
        let mut q = self.shared.lock();
        if q.closed {
            return;
        }
        q.tasks.push_back(task);
        drop(q);
        self.shared.ready.notify_one();
    }

    /// Poll mode: waits up to `timeout` for a task, then runs every queued task on the
    /// calling thread; returns how many ran. Thread mode: waits `timeout` and returns 0
    /// (callbacks run on their own thread).
    pub fn handle_events(&self, timeout: Duration) -> usize {
        if self.mode == DispatchMode::Thread {
            std::thread::sleep(timeout);
            return 0;
        }
        let deadline = Instant::now() + timeout;
        let mut ran = 0;
        while let Some(task) = next(
            &self.shared,
            Some(if ran == 0 { deadline } else { Instant::now() }),
        ) {
            task();
            ran += 1;
        }
        ran
    }

    /// Whether the calling thread is the dispatcher thread.
    pub fn is_dispatcher_thread(&self) -> bool {
        self.thread_id == Some(std::thread::current().id())
    }

    /// Stops accepting tasks. Thread mode: the thread runs what is queued and exits; it
    /// is joined unless this is called from the dispatcher thread itself (then it exits as
    /// soon as the current callback returns). Poll mode: queued tasks are run now on the
    /// calling thread. No task runs after this returns (except, when called from a
    /// callback, the rest of that callback).
    pub fn shutdown(&self) {
        self.shared.lock().closed = true;
        self.shared.ready.notify_all();
        match self.mode {
            DispatchMode::Thread => {
                if self.is_dispatcher_thread() {
                    return;
                }
                let thread = self.thread.lock().unwrap_or_else(|e| e.into_inner()).take();
                if let Some(t) = thread {
                    let _ = t.join();
                }
            }
            DispatchMode::Poll => {
                while let Some(task) = next(&self.shared, Some(Instant::now())) {
                    task();
                }
            }
        }
    }
}

/// The next task: waits until one is queued, the queue is closed and empty (`None`), or
/// `deadline` passes (`None`).
fn next(shared: &Shared, deadline: Option<Instant>) -> Option<Task> {
    let mut q = shared.lock();
    loop {
        if let Some(task) = q.tasks.pop_front() {
            return Some(task);
        }
        if q.closed {
            return None;
        }
        match deadline {
            None => q = shared.ready.wait(q).unwrap_or_else(|e| e.into_inner()),
            Some(d) => {
                let now = Instant::now();
                if now >= d {
                    return None;
                }
                q = shared
                    .ready
                    .wait_timeout(q, d - now)
                    .unwrap_or_else(|e| e.into_inner())
                    .0;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn thread_mode_runs_in_order_and_drains_on_shutdown() {
        let d = Dispatcher::new(DispatchMode::Thread, "test-dispatch").unwrap();
        let log = Arc::new(Mutex::new(Vec::new()));
        for i in 0..100 {
            let l = log.clone();
            d.post(Box::new(move || l.lock().unwrap().push(i)));
        }
        d.shutdown();
        assert_eq!(*log.lock().unwrap(), (0..100).collect::<Vec<_>>());
        let l = log.clone();
        d.post(Box::new(move || l.lock().unwrap().push(999)));
        std::thread::sleep(Duration::from_millis(20));
        assert_eq!(
            log.lock().unwrap().len(),
            100,
            "nothing runs after shutdown"
        );
    }

    #[test]
    fn poll_mode_runs_only_inside_handle_events() {
        let d = Dispatcher::new(DispatchMode::Poll, "unused").unwrap();
        let count = Arc::new(AtomicUsize::new(0));
        let caller = std::thread::current().id();
        for _ in 0..3 {
            let c = count.clone();
            d.post(Box::new(move || {
                assert_eq!(std::thread::current().id(), caller);
                c.fetch_add(1, Ordering::SeqCst);
            }));
        }
        assert_eq!(count.load(Ordering::SeqCst), 0);
        assert_eq!(d.handle_events(Duration::from_millis(10)), 3);
        assert_eq!(count.load(Ordering::SeqCst), 3);
        let start = Instant::now();
        assert_eq!(d.handle_events(Duration::from_millis(30)), 0);
        assert!(start.elapsed() >= Duration::from_millis(30));
    }
}
