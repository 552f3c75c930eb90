#include "app/snippet_text.h"

#include <array>
#include <utility>

namespace dangan::app {

std::string SnippetForTerminal(const std::string& html, bool tty) {
  static const std::array<std::pair<const char*, const char*>, 5> kEntities{
      {{"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&amp;", "&"}}};
  std::string out;
  for (size_t i = 0; i < html.size();) {
    if (html.compare(i, 3, "<b>") == 0) {
      out += tty ? "\x1b[1m" : "«";
      i += 3;
      continue;
    }
    if (html.compare(i, 4, "</b>") == 0) {
      out += tty ? "\x1b[0m" : "»";
      i += 4;
      continue;
    }
    bool replaced = false;
    for (const auto& [entity, text] : kEntities) {
      std::string_view e(entity);
      if (html.compare(i, e.size(), e) == 0) {
        out += text;
        i += e.size();
        replaced = true;
        break;
      }
    }
    if (!replaced) out += (html[i] == '\n' ? ' ' : html[i]), ++i;
  }
  return out;
}

}  // namespace dangan::app
