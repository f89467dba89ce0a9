//! Refactors a drafter asks for: renumbering footnotes and operative paragraphs, expanding an
//! Ibid. to its full citation, turning a repeated full citation into Ibid. Each gives a Fix.
