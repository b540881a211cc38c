// Internal: `newsclip explain FILE`, the page as newsclip saw it, one row per line.
#ifndef NEWSCLIP_SRC_EXPLAIN_H_
#define NEWSCLIP_SRC_EXPLAIN_H_

#include <ostream>

#include "newsclip/pipeline.h"

namespace newsclip {

// Prints every line of `page` with its number, article, role (and rule), the fields taken from
// it and the features and start score that decided it. `color`: ANSI colours for a terminal.
void Explain(const Pipeline& pipeline, Page page, bool color, std::ostream& out);

}  // namespace newsclip

#endif  // NEWSCLIP_SRC_EXPLAIN_H_
