//! The draft generator used by the benchmarks (and the soak tests): valid drafts of a requested
//! size in the reference format, with pages, footnote blocks, Ibid. chains and a chosen density of
//! defects.

pub mod generator;
