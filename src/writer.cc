// JSONL records through RapidJSON's Writer (no DOM: each value is written once, in order).
#include "newsclip/writer.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <string_view>

namespace newsclip {

namespace {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

void String(JsonWriter* w, std::string_view s) { w->String(s.data(), static_cast<rapidjson::SizeType>(s.size())); }

void OptionalString(JsonWriter* w, const std::optional<std::string>& s) {
  if (s) String(w, *s);
  else w->Null();
}

void StringList(JsonWriter* w, const std::vector<std::string>& list) {
  w->StartArray();
  for (const std::string& s : list) String(w, s);
  w->EndArray();
}

}  // namespace

void AppendJsonl(const PageResult& r, std::string* out) {
  rapidjson::StringBuffer buffer;
  const std::string_view text = r.text;
  for (size_t a = 0; a < r.articles.size(); ++a) {
    const Article& art = r.articles[a];
    buffer.Clear();
    JsonWriter w(buffer);
    w.StartObject();
    w.Key("page");
    String(&w, r.id);
    w.Key("url");
    OptionalString(&w, r.url);
    w.Key("index");
    w.Uint64(a);
    w.Key("count");
    w.Uint64(r.articles.size());
    w.Key("title");
    OptionalString(&w, art.meta.title);
    w.Key("authors");
    StringList(&w, art.meta.authors);
    w.Key("published");
    if (art.meta.published) String(&w, art.meta.published->ToIso());
    else w.Null();
    w.Key("source");
    OptionalString(&w, art.meta.source);
    w.Key("editors");
    StringList(&w, art.meta.editors);
    w.Key("lang");
    String(&w, art.lang);
    w.Key("truncated");
    w.Bool(art.meta.truncated);
    w.Key("text");
    std::string body;
    for (uint32_t i = art.first_line; i <= art.last_line; ++i) {
      if (art.roles[i - art.first_line] != Role::kBody) continue;
      if (!body.empty()) body.push_back('\n');
      body.append(text.substr(r.lines[i].begin, r.lines[i].end - r.lines[i].begin));
    }
    String(&w, body);
    w.Key("lines");
    w.StartArray();
    w.Uint(art.first_line + 1);
    w.Uint(art.last_line + 1);
    w.EndArray();
    w.Key("bytes");
    w.StartArray();
    w.Uint(r.lines[art.first_line].begin);
    w.Uint(r.lines[art.last_line].end);
    w.EndArray();
    w.Key("removed");
    w.StartArray();
    for (uint32_t i = art.first_line; i <= art.last_line; ++i) {
      const size_t k = i - art.first_line;
      if (art.roles[k] == Role::kBody) continue;
      w.StartObject();
      w.Key("line");
      w.Uint(i + 1);
      w.Key("role");
      String(&w, RoleName(art.roles[k]));
      if (!art.rules[k].empty()) {
        w.Key("rule");
        String(&w, art.rules[k]);
      }
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    out->append(buffer.GetString(), buffer.GetSize());
    out->push_back('\n');
  }
}

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kChrome: return "chrome";
    case Role::kTitle: return "title";
    case Role::kMetadata: return "metadata";
    case Role::kBoilerplate: return "boilerplate";
    case Role::kBody: return "body";
  }
  return "body";
}

}  // namespace newsclip
