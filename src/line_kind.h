// Internal: the coarse kind of a line, derived from its features, shared by the segment and
// boilerplate stages so that both read a line the same way. Not installed.
#ifndef NEWSCLIP_SRC_LINE_KIND_H_
#define NEWSCLIP_SRC_LINE_KIND_H_

#include "newsclip/types.h"

namespace newsclip::internal {

enum class Kind : uint8_t { kBlank, kBoilerplate, kChrome, kMeta, kTitleLike, kBody, kFragment };

inline bool IsCjkLine(const LineFeatures& f) { return f.cjk > f.letters / 2 && f.cjk > 0; }

// A short label/byline/date line: page metadata about an article.
inline bool IsMetaLine(const LineFeatures& f) {
  if (f.date_only) return f.chars <= 160;
  if (f.byline) return f.chars <= 160 && !(f.terminal_punct && f.words > 8);  // not "By comparison, ..."
  if (f.has_label) return f.chars <= (IsCjkLine(f) ? 80u : 160u);
  return false;
}

// Menus and link rows: several separators ("Home | News | World") or a chrome rule.
inline bool IsChromeLine(const LineFeatures& f) {
  return f.chrome_rule >= 0 || f.menu_like || (f.link_like >= 0.25f && f.words >= 3 && !f.terminal_punct);
}

// Short enough for a headline and not a sentence (a headline may end with ! or ?).
inline bool IsTitleLikeLine(const LineFeatures& f) {
  // "...?..." ends a headline that was cut for a teaser list; "...re..." (a cut word) ends a teaser.
  if ((f.ends_with_ellipsis && !f.punct_before_ellipsis) || f.inner_stop || f.wrapped) return false;
  if (f.quoted && f.terminal_punct) return false;
  if (IsCjkLine(f)) {
    if (f.cjk < 5 || f.chars > 80) return false;
    if (f.exclaim && f.cjk > 30) return false;
  } else {
    if (f.words < 3 || f.words > 40 || f.chars > 260) return false;
  }
  return !f.terminal_punct || f.exclaim;
}

// One or two words without punctuation ("World", "Fact Check", "要闻"): a menu item or a label
// on the page, not text. Inside an article such a line is still body (a short sub-heading).
inline bool IsFragment(const LineFeatures& f) {
  if (f.terminal_punct || f.ends_with_ellipsis) return false;
  return IsCjkLine(f) ? f.cjk < 5 : f.words < 3;
}

// HTML pages (html.h): a line the markup places in page furniture: a hidden element, navigation,
// a footer or sidebar, a form, a container named like one ("share", "related", "comments"), or a
// list item or short line that is all link.
inline bool IsMarkupChrome(const BlockFeatures& b, const LineFeatures& f) {
  if (!b.html || b.title_element) return false;
  if (b.hidden || b.in_nav || b.in_footer || b.in_aside || b.in_form) return true;
  if (b.chrome_class) return true;
  if (b.link_pct >= 60 && !b.heading && (b.in_list || f.words < 5 || (IsCjkLine(f) && f.cjk < 10))) return true;
  return false;
}

inline Kind KindOf(const LineFeatures& f) {
  if (f.blank || f.repeat) return Kind::kBlank;
  if (IsMarkupChrome(f.block, f) && f.boilerplate_rule < 0 && !f.byline && !f.date_only) return Kind::kChrome;
  if (f.boilerplate_rule >= 0) return Kind::kBoilerplate;
  if (IsMetaLine(f)) return Kind::kMeta;
  if (f.repeated_line) return Kind::kBlank;  // a site template line (crawl_table.h): invisible, like a repeat
  if (IsChromeLine(f)) return Kind::kChrome;
  if (IsFragment(f)) return f.block.outside_content ? Kind::kChrome : Kind::kFragment;
  // HTML: text outside the element that holds the page's paragraphs is the page's, not an
  // article's; so are headlines there other than the <h1>. On a page without an <h1> (old table
  // layouts), a headline there that is not a link or list item (related stories) stays one: the
  // story's own headline often stands above that element.
  const bool outside = f.block.outside_content;
  // A photo caption is never a headline (HTML: <figcaption>, <caption>).
  // Inside the content element of a page that marks its headlines (an <h1>), a line that is not a
  // heading element nor a link is the story's text (a lead-in, a list item), not a headline.
  const bool unmarked_in_content = f.block.main_content && f.block.page_has_h1 && f.block.heading == 0 &&
                                   f.block.link_pct < 50;
  if (IsTitleLikeLine(f) && !f.dateline && !f.block.in_caption && !unmarked_in_content &&
      !(outside && f.block.heading != 1 && (f.block.page_has_h1 || f.block.link_pct >= 50 || f.block.in_list))) {
    return Kind::kTitleLike;
  }
  return outside ? Kind::kChrome : Kind::kBody;
}

}  // namespace newsclip::internal

#endif  // NEWSCLIP_SRC_LINE_KIND_H_
