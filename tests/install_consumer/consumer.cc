// Cleans one page with the installed library and checks that it finds the article's title.
#include <newsclip/pipeline.h>
#include <newsclip/writer.h>

#include <iostream>

int main() {
  newsclip::Pipeline pipeline;
  newsclip::Page page;
  page.id = "consumer";
  page.text = "Harbour reopens after storm repairs\nBy Jane Roe\nThe harbour reopened on Monday after three weeks of repairs.\n";
  newsclip::PageResult result = pipeline.Process(std::move(page));
  std::string out;
  newsclip::AppendJsonl(result, &out);
  std::cout << out;
  return result.articles.size() == 1 && result.articles[0].meta.title == "Harbour reopens after storm repairs" ? 0 : 1;
}
