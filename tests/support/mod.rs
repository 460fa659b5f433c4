//! What every component test needs: mounting into a fresh element and reading the DOM.
//! Each test file uses only some of it.
#![allow(dead_code)]

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use chrono::NaiveDate;
use insyn::state::AppState;
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

/// Components mounted as on the page, with the app state they were given, and the ways a
/// test reads and works them. Each test file opens its own page with `Page::open_with`.
pub struct Page {
    pub container: web_sys::HtmlElement,
    pub state: AppState,
    _handle: Box<dyn std::any::Any>,
}

impl Page {
    /// Mount what `build` returns: it provides the app state (and anything else the
    /// components need) and returns the state with the view.
    pub async fn open_with<V: IntoView + 'static>(
        build: impl FnOnce() -> (AppState, V) + 'static,
    ) -> Page {
        let cell: Rc<RefCell<Option<AppState>>> = Rc::new(RefCell::new(None));
        let out = cell.clone();
        let (container, handle) = mount(move || {
            let (state, view) = build();
            *out.borrow_mut() = Some(state);
            view
        });
        settle().await;
        let state = cell.borrow().expect("state provided");
        Page {
            container,
            state,
            _handle: Box::new(handle),
        }
    }

    pub fn find(&self, selector: &str) -> Option<web_sys::HtmlElement> {
        self.container
            .query_selector(selector)
            .unwrap()
            .map(|e| e.unchecked_into())
    }

    pub fn get(&self, selector: &str) -> web_sys::HtmlElement {
        self.find(selector)
            .unwrap_or_else(|| panic!("no element matches {selector}"))
    }

    pub fn all(&self, selector: &str) -> Vec<web_sys::HtmlElement> {
        let list = self.container.query_selector_all(selector).unwrap();
        (0..list.length())
            .map(|i| list.item(i).unwrap().unchecked_into())
            .collect()
    }

    /// The input of the case field at `path` (`data-path`, e.g. `guardians[0].name`).
    pub fn field(&self, path: &str) -> web_sys::HtmlInputElement {
        self.get(&format!("[data-path=\"{path}\"]"))
            .unchecked_into()
    }

    pub fn text(&self, selector: &str) -> String {
        self.get(selector).text_content().unwrap_or_default()
    }

    pub fn all_text(&self, selector: &str) -> Vec<String> {
        self.all(selector)
            .iter()
            .map(|e| e.text_content().unwrap_or_default())
            .collect()
    }

    pub fn checked(&self, selector: &str) -> bool {
        self.get(selector)
            .unchecked_into::<web_sys::HtmlInputElement>()
            .checked()
    }

    pub async fn click(&self, selector: &str) {
        self.get(selector).click();
        settle().await;
    }

    /// Tick or untick a checkbox and fire `change`, as the browser does.
    pub async fn tick(&self, selector: &str, on: bool) {
        let input: web_sys::HtmlInputElement = self.get(selector).unchecked_into();
        input.set_checked(on);
        fire(&input, "change");
        settle().await;
    }
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

/// The text of `element` as staff read it before opening anything: the contents of every
/// `<details>` (a source's file, a rule's id) left out, their summaries kept.
pub fn main_text(element: &web_sys::Element) -> String {
    let copy: web_sys::Element = element.clone_node_with_deep(true).unwrap().unchecked_into();
    let folded = copy.query_selector_all("details > :not(summary)").unwrap();
    for i in 0..folded.length() {
        let node: web_sys::Element = folded.item(i).unwrap().unchecked_into();
        node.remove();
    }
    copy.text_content().unwrap_or_default()
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
