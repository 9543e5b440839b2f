// The module file system on a host folder (--fs-dir), driven by arbitrary operations and names
// the way AT+FS* commands and certificate paths reach it.
//
// Input: one mode byte, then operations: [op][name length][name bytes][argument bytes].
// Mode 0: the folder starts empty and an in-memory file system gets the same operations: both
// back ends must agree on every success or failure, on what reads and listings return and on
// the space used (so on the capacity and entry limits too).
// Mode 1: the folder holds what a hostile user plants (a FIFO, a symlink and a hard link to a
// file outside it): nothing may block (libFuzzer's timeout catches a hang), and the file
// outside must never change. In both modes nothing appears next to the folder, and the limits
// (capacity, entries) hold.
#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "emulator/fs/module_fs.h"

namespace {
namespace stdfs = std::filesystem;
using cellemu::fs::FsError;
using cellemu::fs::FsLimits;
using cellemu::fs::ModuleFs;

constexpr FsLimits kLimits{.capacity = 4096, .max_name = 64, .max_entries = 16, .max_depth = 8};
constexpr std::string_view kSecret = "outside the folder";

struct Input {
  const std::uint8_t* data;
  std::size_t size;
  std::size_t pos = 0;
  bool done() const { return pos >= size; }
  std::uint8_t byte() { return pos < size ? data[pos++] : 0; }
  std::string text(std::size_t n) {
    n = std::min(n, size - std::min(pos, size));
    std::string out(reinterpret_cast<const char*>(data + pos), n);
    pos += n;
    return out;
  }
};

const stdfs::path& base() {
  static const stdfs::path dir =
      stdfs::temp_directory_path() / ("cellemu-fuzz-fs-" + std::to_string(::getpid()));
  return dir;
}

// A fresh folder (and, in hostile mode, what is planted in it) for every input: runs must be
// reproducible.
void prepare(bool hostile) {
  stdfs::remove_all(base());
  stdfs::create_directories(base() / "fs");
  std::ofstream(base() / "outside") << kSecret;
  if (!hostile) return;
  ::mkfifo((base() / "fs" / "fifo").c_str(), 0644);
  stdfs::create_symlink(base() / "outside", base() / "fs" / "link");
  std::error_code ec;
  stdfs::create_hard_link(base() / "outside", base() / "fs" / "hard", ec);
}

void check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "fuzz_module_fs: %s\n", what);
    __builtin_trap();
  }
}

// One operation on one back end: its success, and what a read returned.
struct Result {
  bool ok = false;
  std::string data;
  bool operator==(const Result&) const = default;
};

Result apply(ModuleFs& fs, std::uint8_t op, const std::string& path, std::uint8_t a,
             std::uint8_t b) {
  Result r;
  std::size_t size = 0;
  std::vector<cellemu::fs::FsEntry> entries;
  switch (op % 10) {
    case 0:
      r.ok = fs.create(path) == FsError::None;
      break;
    case 1:
    case 2:  // a few hundred bytes, up to beyond the capacity
      r.ok = fs.write(path, std::string(static_cast<std::size_t>(a) * 20, static_cast<char>(b)),
                      op % 10 == 2) == FsError::None;
      break;
    case 3:
      r.ok = fs.read(path, a, b, r.data) == FsError::None;
      break;
    case 4:
      r.ok = fs.remove(path) == FsError::None;
      break;
    case 5:
      r.ok = fs.make_dir(path) == FsError::None;
      break;
    case 6:
      r.ok = fs.remove_dir(path) == FsError::None;
      break;
    case 7:
      r.ok = fs.list(path, entries) == FsError::None;
      for (const auto& e : entries) r.data += e.name + (e.directory ? "/;" : ";");
      break;
    case 8:
      r.ok = fs.size(path, size) == FsError::None;
      r.data = std::to_string(size);
      break;
    default: {
      const auto loaded = fs.load(path);
      r.ok = loaded.has_value();
      if (loaded) r.data = *loaded;
      break;
    }
  }
  return r;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Input in{data, size};
  const bool hostile = (in.byte() & 1) != 0;
  prepare(hostile);
  std::error_code ec;
  auto folder = ModuleFs::host_folder((base() / "fs").string(), ec, kLimits);
  check(folder != nullptr, "cannot open the folder");
  auto memory = ModuleFs::in_memory(kLimits);
  for (int ops = 0; !in.done() && ops < 64; ++ops) {
    const std::uint8_t op = in.byte();
    const std::string name = in.text(in.byte() % 80);
    const std::uint8_t a = in.byte();
    const std::uint8_t b = in.byte();
    // As the AT layer does: names are normalised first, refused ones never reach the back end.
    const auto path = folder->normalize(name);
    if (!path) continue;
    const Result host = apply(*folder, op, *path, a, b);
    if (!hostile) {
      const Result mem = apply(*memory, op, *path, a, b);
      check(host == mem, "the host folder and the in-memory file system disagree");
    }
  }
  // Once per input: each used() walks the folder.
  const std::size_t used = folder->used();
  check(used <= kLimits.capacity, "more bytes than the capacity");
  check(hostile || used == memory->used(), "the back ends count different space used");
  std::ifstream secret(base() / "outside");
  const std::string outside((std::istreambuf_iterator<char>(secret)), {});
  check(outside == kSecret, "a file outside the folder changed");
  std::size_t beside = 0;
  for (const auto& e : stdfs::directory_iterator(base())) {
    (void)e;
    ++beside;
  }
  check(beside == 2, "something appeared next to the folder");
  return 0;
}
