//! Queries for navigation: what stands at an offset (a footnote marker, a definition, an Ibid., an
//! opener) and the outline of a draft. Protocol-free: the server converts positions at its edge.
