//! What every component test needs: mounting into a fresh element and reading the DOM.
//! Each test file uses only some of it.
#![allow(dead_code)]

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use chrono::NaiveDate;
use leptos::prelude::*;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::JsCast;

/// Mounts `f` into a fresh container so tests do not see each other's DOM. The handle must
/// be kept alive; dropping it unmounts the view.
pub fn mount<F, N>(f: F) -> (web_sys::HtmlElement, leptos::mount::UnmountHandle<N::State>)
where
    F: FnOnce() -> N + 'static,
    N: IntoView,
{
    let document = leptos::prelude::document();
    let container: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&container).unwrap();
    let handle = leptos::mount::mount_to(container.clone(), f);
    (container, handle)
}

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub fn find(root: &web_sys::Element, selector: &str) -> web_sys::Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no element matches {selector}"))
}

pub fn text(element: &web_sys::Element) -> String {
    element.text_content().unwrap_or_default()
}

/// Dispatch a bubbling DOM event of `kind` ("input", "change" …) on `element`, as the
/// browser does when a user types or chooses.
pub fn fire(element: &web_sys::HtmlElement, kind: &str) {
    let init = js_sys::Object::new();
    js_sys::Reflect::set(&init, &"bubbles".into(), &true.into()).unwrap();
    let constructor: js_sys::Function = js_sys::Reflect::get(&js_sys::global(), &"Event".into())
        .unwrap()
        .unchecked_into();
    let event =
        js_sys::Reflect::construct(&constructor, &js_sys::Array::of2(&kind.into(), &init)).unwrap();
    element.dispatch_event(event.unchecked_ref()).unwrap();
}

/// Let the reactive system finish: effects run in later microtasks, so wait for the next
/// task of the event loop, as a user's next keystroke would.
pub async fn settle() {
    leptos::task::tick().await;
    sleep(0).await;
    leptos::task::tick().await;
}

/// Wait until `selector` matches inside `root` (e.g. the timeline's chart, drawn once the
/// browser reports its width), at most about two seconds.
pub async fn wait_for(root: &web_sys::Element, selector: &str) -> web_sys::Element {
    for _ in 0..100 {
        if let Some(found) = root.query_selector(selector).unwrap() {
            return found;
        }
        sleep(20).await;
        leptos::task::tick().await;
    }
    panic!("no element matches {selector}")
}

/// Wait `ms` milliseconds of the browser's event loop (a FileReader finishes, or focus
/// moves, in a later task).
pub fn sleep(ms: i32) -> Sleep {
    Sleep {
        done: Rc::new(Cell::new(false)),
        waker: Rc::new(RefCell::new(None)),
        started: false,
        ms,
    }
}

pub struct Sleep {
    done: Rc<Cell<bool>>,
    waker: Rc<RefCell<Option<Waker>>>,
    started: bool,
    ms: i32,
}

impl Future for Sleep {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.done.get() {
            return Poll::Ready(());
        }
        *self.waker.borrow_mut() = Some(cx.waker().clone());
        if !self.started {
            self.started = true;
            let done = self.done.clone();
            let waker = self.waker.clone();
            let callback = Closure::once_into_js(move || {
                done.set(true);
                if let Some(waker) = waker.borrow_mut().take() {
                    waker.wake();
                }
            });
            web_sys::window()
                .unwrap()
                .set_timeout_with_callback_and_timeout_and_arguments_0(
                    callback.unchecked_ref(),
                    self.ms,
                )
                .unwrap();
        }
        Poll::Pending
    }
}
