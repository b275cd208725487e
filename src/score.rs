//! Scoring. (first cut)
