//! The portal's loaded data: [`Loaded<T>`], a `LocalResource` whose value is a `T`.
//!
//! Leptos compiles its async machinery (the derived signal, its spawned task, the future that
//! polls the loader) once per resource type and loader, about 3 KB of Wasm each, with the
//! loader's future inlined. Every `Loaded<T>` is instead a `LocalResource` of one type-erased
//! value (`Rc<dyn Any>`) with one boxed loader type, so that machinery is in the Wasm once;
//! `Loaded<T>` only knows which `T` its value is. A page uses it like a `LocalResource<T>`:
//! `.await` it in a `Suspend`, read it with [`Loaded::get`] or [`Loaded::with`], and
//! [`Loaded::refetch`] it. A resource that loads one answer of the API is made with
//! [`Loaded::query`] from an `api::Query`: then even the loader's future is the same for all.

use crate::api::{ApiError, Query};
use leptos::prelude::*;
use leptos::reactive::computed::AsyncDerivedFuture;
use serde::de::DeserializeOwned;
use std::{
    any::Any,
    future::{Future, IntoFuture},
    marker::PhantomData,
    pin::Pin,
    rc::Rc,
    task::{Context, Poll},
};

/// The value of every resource, whatever its type.
type Erased = Rc<dyn Any>;

/// The loader of every resource: a new future of the value each time it is called.
type Loader = Rc<dyn Fn() -> Pin<Box<dyn Future<Output = Erased>>>>;

/// A resource whose value is a `T`, loaded by an async function (usually a call of `api`), and
/// loaded again when a signal it reads changes or on [`Loaded::refetch`].
pub struct Loaded<T> {
    resource: LocalResource<Erased>,
    ty: PhantomData<fn() -> T>,
}

impl<T> Clone for Loaded<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Loaded<T> {}

/// The one `LocalResource` type of the portal (not generic, so compiled once).
fn erased(load: Loader) -> LocalResource<Erased> {
    LocalResource::new(move || load())
}

impl<T: Clone + 'static> Loaded<T> {
    /// Starts loading with `load`, owned by the calling component (like `LocalResource::new`).
    pub fn new<Fut>(load: impl Fn() -> Fut + 'static) -> Self
    where
        Fut: Future<Output = T> + 'static,
    {
        let load: Loader = Rc::new(move || {
            let fut = load();
            Box::pin(async move { Rc::new(fut.await) as Erased })
        });
        Self {
            resource: erased(load),
            ty: PhantomData,
        }
    }

    /// The value once loaded (`None` while the first load runs), tracked.
    pub fn get(&self) -> Option<T> {
        self.with(|v| v.cloned())
    }

    /// `f` of the value once loaded (`None` while the first load runs), tracked.
    pub fn with<U>(&self, f: impl FnOnce(Option<&T>) -> U) -> U {
        self.resource
            .with(|v| f(v.as_ref().and_then(|v| v.downcast_ref::<T>())))
    }

    /// Loads again.
    pub fn refetch(&self) {
        self.resource.refetch();
    }
}

impl<T: DeserializeOwned + Clone + 'static> Loaded<Result<T, ApiError>> {
    /// Starts loading the answer of a `GET` (`query` is called again on each load, like the
    /// loader of [`Loaded::new`]). Its future is the one of every query ([`Query::load`]): no
    /// future of its own per resource.
    pub fn query(query: impl Fn() -> Query<T> + 'static) -> Self {
        Self {
            resource: erased(Rc::new(move || query().load())),
            ty: PhantomData,
        }
    }
}

impl<T: DeserializeOwned + Clone + 'static> Loaded<Option<Result<T, ApiError>>> {
    /// Like [`Loaded::query`] while `query` gives a query; `None`, without a request, while it
    /// gives none (nothing to ask yet).
    pub fn query_when(query: impl Fn() -> Option<Query<T>> + 'static) -> Self {
        Self {
            resource: erased(Rc::new(move || match query() {
                Some(query) => query.load_some(),
                None => Box::pin(std::future::ready(
                    Rc::new(None::<Result<T, ApiError>>) as Erased
                )),
            })),
            ty: PhantomData,
        }
    }
}

impl<T: Clone + 'static> IntoFuture for Loaded<T> {
    type Output = T;
    type IntoFuture = Ready<T>;

    /// The value once loaded (or loaded again), as `.await`ing a `LocalResource` gives it.
    fn into_future(self) -> Ready<T> {
        Ready {
            value: self.resource.into_future(),
            ty: PhantomData,
        }
    }
}

/// The future of a [`Loaded`]'s value.
pub struct Ready<T> {
    value: AsyncDerivedFuture<Erased>,
    ty: PhantomData<fn() -> T>,
}

impl<T: Clone + 'static> Future for Ready<T> {
    type Output = T;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        let this = self.get_mut();
        Pin::new(&mut this.value).poll(cx).map(|v| {
            v.downcast_ref::<T>()
                .cloned()
                .expect("a Loaded<T> holds a T")
        })
    }
}
