// Internal to the CLI: output files that are either complete or plainly unfinished, and the state
// that lets an interrupted run go on where it stopped.
//
// An OutputFile writes to PATH.tmp-PID and renames it to PATH when the run is complete (Commit):
// PATH never holds a truncated output, even after SIGKILL, which leaves only the .tmp-PID file.
// A run stopped by SIGINT or SIGTERM instead ends its compressed stream and renames the file to
// PATH.partial (Suspend), and the run writes PATH.resume.json (ResumeState): how many pages, in
// input order, are done, of which inputs, and the counts so far. `--resume` copies PATH.partial to
// the temporary file and appends to it (a new gzip member or zstd frame, which readers take as one
// stream), skips the pages done, and renames it to PATH at the end; PATH.partial stays untouched
// until then, so a resumed run that is killed can be resumed again. Stdout ("-") and paths that
// are not regular files (/dev/null, a FIFO) are written directly: they cannot be renamed.
//
//   newsclip::OutputFile out("articles.jsonl.zst", /*resume=*/false);
//   out.stream() << records;
//   if (interrupted) out.Suspend(); else out.Commit();    // throw newsclip::Error on write errors
#ifndef NEWSCLIP_SRC_OUTPUT_H_
#define NEWSCLIP_SRC_OUTPUT_H_

#include <cstdint>
#include <fstream>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "newsclip/compress.h"
#include "newsclip/reader.h"

namespace newsclip {

// PATH.partial: the records of an interrupted run.
std::string PartialName(const std::string& path);

class OutputFile {
 public:
  // Opens PATH's temporary file; with `resume` and an existing PATH.partial, a copy of it, for
  // appending. Throws Error("cannot write ...") when it cannot be written.
  OutputFile(const std::string& path, bool resume);
  // Removes the temporary file unless Commit or Suspend was called.
  ~OutputFile();

  std::ostream& stream() { return *stream_; }
  // Whether it goes on from an earlier run's PATH.partial.
  bool resumed() const { return resumed_; }

  // Ends the compressed stream, closes the file, renames it to PATH and removes PATH.partial.
  void Commit();
  // Ends the compressed stream, closes the file and renames it to PATH.partial. Returns the name
  // the records are under (PATH itself when it is not renamable, "-" for stdout).
  std::string Suspend();

 private:
  void Close();

  std::string path_;
  std::string work_;  // the file written: PATH.tmp-PID, or PATH itself when it is not renamable
  bool atomic_ = false;
  bool resumed_ = false;
  bool done_ = false;
  std::ofstream file_;
  std::unique_ptr<CompressingStream> stream_;
};

// What an interrupted run leaves for --resume, in OUTPUT.resume.json.
struct ResumeState {
  uint64_t pages_done = 0;  // reader results (pages and rejects), in input order
  std::string inputs;       // InputsFingerprint of the files the run read
  std::string stats_json;   // the run's statistics so far (the --stats JSON)
};

// OUTPUT.resume.json ("-" for stdout has none: "").
std::string ResumeStateName(const std::string& output);

// A fingerprint of the input files (paths and sizes, in order): a resumed run must read the same.
std::string InputsFingerprint(const std::vector<InputFile>& files);

// Writes the state atomically; false when it cannot be written.
bool WriteResumeState(const std::string& path, const ResumeState& state);

// The state in `path`; nullopt when there is none. Throws Error when it exists but is unreadable.
std::optional<ResumeState> ReadResumeState(const std::string& path);

}  // namespace newsclip

#endif  // NEWSCLIP_SRC_OUTPUT_H_
