// Output files and resume state (output.h). The rename is what makes an output complete: it is
// atomic within a file system, and the temporary file sits beside PATH so that it is on the same
// one. The resume state is small JSON written the same way.
#include "output.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <sstream>

#include "newsclip/types.h"
#include "shard.h"

namespace newsclip {

namespace fs = std::filesystem;

namespace {

// A path that can be written under another name and renamed: absent, or a regular file (not a
// device such as /dev/null, a FIFO, or a symlink, which a rename would replace).
bool Renamable(const std::string& path) {
  std::error_code ec;
  const fs::file_status st = fs::symlink_status(path, ec);
  return !fs::exists(st) || fs::is_regular_file(st);
}

}  // namespace

std::string PartialName(const std::string& path) { return path + ".partial"; }

OutputFile::OutputFile(const std::string& path, bool resume) : path_(path) {
  std::ostream* sink = &std::cout;
  if (path_ != "-") {
    atomic_ = Renamable(path_);
    work_ = atomic_ ? TempName(path_) : path_;
    std::error_code ec;
    resumed_ = atomic_ && resume && fs::is_regular_file(PartialName(path_), ec);
    if (resumed_) {
      fs::copy_file(PartialName(path_), work_, fs::copy_options::overwrite_existing, ec);
      if (ec) throw Error("cannot write output file '" + path_ + "': copying its .partial: " + ec.message());
    }
    file_.open(work_, resumed_ ? std::ios::binary | std::ios::app : std::ios::binary | std::ios::trunc);
    if (!file_) throw Error("cannot write output file '" + path_ + "'");
    sink = &file_;
  }
  stream_ = std::make_unique<CompressingStream>(sink, CompressionForName(path_));
}

OutputFile::~OutputFile() {
  if (done_ || !atomic_) return;
  stream_.reset();
  file_.close();
  std::error_code ignored;
  fs::remove(work_, ignored);
}

void OutputFile::Close() {
  done_ = true;
  bool ok = stream_->Close();
  if (file_.is_open()) {
    file_.close();
    ok = ok && !file_.fail();
  }
  if (!ok) {
    if (atomic_) {
      std::error_code ignored;
      fs::remove(work_, ignored);
    }
    throw Error("cannot write output '" + path_ + "'");
  }
}

void OutputFile::Commit() {
  Close();
  if (!atomic_) return;
  std::error_code ec;
  fs::rename(work_, path_, ec);
  if (ec) throw Error("cannot write output '" + path_ + "': " + ec.message());
  fs::remove(PartialName(path_), ec);  // of this run when resumed, else of an abandoned one
}

std::string OutputFile::Suspend() {
  Close();
  if (!atomic_) return path_;
  const std::string partial = PartialName(path_);
  std::error_code ec;
  fs::rename(work_, partial, ec);
  if (ec) throw Error("cannot write output '" + partial + "': " + ec.message());
  return partial;
}

std::string ResumeStateName(const std::string& output) { return output == "-" ? "" : output + ".resume.json"; }

std::string InputsFingerprint(const std::vector<InputFile>& files) {
  // FNV-1a over "path\0size\0" of every file: enough to tell another input list from this one.
  uint64_t h = 1469598103934665603ull;
  auto mix = [&h](std::string_view s) {
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
    h = (h ^ 0xff) * 1099511628211ull;  // a byte no UTF-8 text holds ends each field
  };
  for (const InputFile& f : files) {
    std::error_code ec;
    const uintmax_t size = f.path == "-" ? 0 : fs::file_size(f.path, ec);
    mix(f.path);
    mix(ec ? "?" : std::to_string(size));
  }
  char hex[17];
  std::snprintf(hex, sizeof(hex), "%016llx", static_cast<unsigned long long>(h));
  return std::to_string(files.size()) + " files, " + hex;
}

bool WriteResumeState(const std::string& path, const ResumeState& state) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  w.StartObject();
  w.Key("pages_done");
  w.Uint64(state.pages_done);
  w.Key("inputs");
  w.String(state.inputs.c_str());
  w.Key("stats");
  w.RawValue(state.stats_json.data(), state.stats_json.size(), rapidjson::kObjectType);
  w.EndObject();
  return WriteFileAtomically(path, std::string(buf.GetString()) + "\n");
}

std::optional<ResumeState> ReadResumeState(const std::string& path) {
  std::error_code ec;
  if (path.empty() || !fs::exists(path, ec)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  rapidjson::Document doc;
  doc.Parse(text.str().c_str());
  if (doc.HasParseError() || !doc.IsObject() || !doc.HasMember("pages_done") || !doc["pages_done"].IsUint64() ||
      !doc.HasMember("inputs") || !doc["inputs"].IsString() || !doc.HasMember("stats") || !doc["stats"].IsObject()) {
    throw Error("'" + path + "' is not a resume state written by newsclip (delete it to start over)");
  }
  ResumeState state;
  state.pages_done = doc["pages_done"].GetUint64();
  state.inputs = doc["inputs"].GetString();
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  doc["stats"].Accept(w);
  state.stats_json = buf.GetString();
  return state;
}

}  // namespace newsclip
