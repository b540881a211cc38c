// Internal to the CLI: `newsclip count` (the map: a shard's pages -> a count table of normalised
// line hashes per site) and `newsclip merge` (the reduce: count tables -> the boilerplate table that
// `newsclip --boilerplate-table FILE` applies). The work is in the library (crawl_table.h).
//
//   newsclip count --output-dir work/counts --shard 3/16 crawl/     # work/counts/counts-3-of-16.bin
//   newsclip merge -o work/table.bin work/counts/                   # every shard, checked complete
//   newsclip --boilerplate-table work/table.bin --output-dir out/ --shard 3/16 crawl/
#ifndef NEWSCLIP_SRC_COUNT_MAIN_H_
#define NEWSCLIP_SRC_COUNT_MAIN_H_

namespace newsclip {

// Both take the arguments after the command name's position: argv[0] is "count" or "merge".
// They return the exit status (0 done, 2 usage error, 3 output not written).
int CountMain(int argc, char** argv);
int MergeMain(int argc, char** argv);

}  // namespace newsclip

#endif  // NEWSCLIP_SRC_COUNT_MAIN_H_
