//! diplograph: English news articles in, a knowledge graph of diplomatic
//! events out. The modules follow the pipeline of DESIGN.md, data flowing one
//! way: ingest -> text -> extract (with the lexicon) -> graph -> export.

pub mod allocator;
pub mod export;
pub mod extract;
pub mod graph;
pub mod ingest;
pub mod lexicon;
pub mod model;
pub mod pipeline;
pub mod query;
pub mod text;
