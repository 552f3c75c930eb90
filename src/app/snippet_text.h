// Turns a snippet from the search contract (<b>…</b> around matches, the rest
// HTML-escaped) into terminal text: bold on a TTY, «…» otherwise.
#ifndef DANGAN_APP_SNIPPET_TEXT_H_
#define DANGAN_APP_SNIPPET_TEXT_H_

#include <string>

namespace dangan::app {

std::string SnippetForTerminal(const std::string& html, bool tty);

}  // namespace dangan::app

#endif  // DANGAN_APP_SNIPPET_TEXT_H_
