// The module file system (air780ep.md §8; LM FS/*.md; LT 780EP 文件系统应用指南 trace), where
// certificates are uploaded for TLS. Names are quoted or not, "/" paths allowed, root "/" or
// "C:/"; the sandbox (fs::ModuleFs::normalize) refuses anything else before it is touched. Every
// failure is a plain ERROR whatever CMEE says (OQ-39); test forms answer OK.
#include <fmt/format.h>

#include "models/air780ep/air780ep_commands.h"

namespace cellemu::models::air780ep {
namespace {
using at::CommandContext;
using at::Final;
using at::Outcome;
using at::WindowEnd;

constexpr int kMaxTransfer = 10240;               // FSWRITE / FSREAD <size> (LM)
constexpr std::int64_t kMaxTimeout = 4294967295;  // FSWRITE <timeout>, seconds (LM)

std::optional<std::string> path_arg(Air780epModel& m, const at::AtArgs& args, std::size_t i,
                                    bool root_ok) {
  if (!args.has(i)) return std::nullopt;
  auto path = m.fs().normalize(args.text(i));
  if (!path || (path->empty() && !root_ok)) return std::nullopt;
  return path;
}

// The one name of AT+FSCREATE/FSDEL/FSMKDIR/FSRMDIR/FSFLSIZE/FSLS.
std::optional<std::string> only_path(Air780epModel& m, CommandContext& ctx, bool root_ok) {
  const auto& args = ctx.args();
  if (!args || args->size() != 1) return std::nullopt;
  return path_arg(m, *args, 0, root_ok);
}

Final result(fs::FsError e) {
  return e == fs::FsError::None ? Final::ok() : Final::error();
}

// AT+FSCREATE=<file> -> OK | ERROR. A file that exists already is kept as it is and answers OK
// (the manuals say nothing; a re-run upload script must not fail on a kept --fs-dir).
Outcome fscreate(Air780epModel& m, CommandContext& ctx) {
  const auto path = only_path(m, ctx, false);
  if (!path) return Final::error();
  const fs::FsError e = m.fs().create(*path);
  return result(e == fs::FsError::Exists ? fs::FsError::None : e);
}

struct WriteRequest {
  std::string path;
  bool append = false;
  std::size_t size = 0;
  std::int64_t timeout_s = 0;
};

std::optional<WriteRequest> parse_write(Air780epModel& m, const at::AtArgs& args) {
  if (args.size() != 4) return std::nullopt;
  auto path = path_arg(m, args, 0, false);
  const auto mode = args.int_in(1, 0, 1);
  const auto size = args.int_in(2, 1, kMaxTransfer);
  const auto timeout = args.integer(3);
  if (!path || !mode || !size || !timeout || *timeout < 1 || *timeout > kMaxTimeout) {
    return std::nullopt;
  }
  return WriteRequest{std::move(*path), *mode == 1, static_cast<std::size_t>(*size), *timeout};
}

// The file exists and the data will fit: checked before the prompt, so nothing is collected
// that could not be stored.
bool fits(const fs::ModuleFs& fs, const WriteRequest& w) {
  std::size_t current = 0;
  if (fs.size(w.path, current) != fs::FsError::None) return false;
  return w.size <= fs.free_space() + (w.append ? 0 : current);
}

// AT+FSWRITE=<file>,<mode>,<size>,<timeout> -> "\r\n>" (no space, OQ-38), then exactly <size>
// bytes (1-10240), never echoed even with E1 (LT trace) -> OK. <timeout> seconds from the prompt
// without all of them -> "\r\nTimeOut\r\n" and nothing is written (OQ-38). mode 0 writes from the
// start (truncates), 1 appends.
Outcome fswrite(Air780epModel& m, CommandContext& ctx) {
  const auto& args = ctx.args();
  const auto w = args ? parse_write(m, *args) : std::nullopt;
  if (!w || !fits(m.fs(), *w)) return Final::error();
  ctx.prompt("\r\n>");
  m.file_timer().start(std::chrono::seconds(w->timeout_s), [&m] { m.at().end_window(); });
  const at::WindowSpec spec{.length = w->size, .max_store = w->size, .echo = false};
  return ctx.open_window(spec, [&m, w = *w](WindowEnd end, std::string data) -> Outcome {
    m.file_timer().cancel();
    if (end != WindowEnd::Length) return Final::text("TimeOut");
    return result(m.fs().write(w.path, data, w.append));
  });
}

// AT+FSREAD=<file>,<mode>,<size>[,<pos>] -> "\r\n<data>\r\nOK\r\n": the data is followed directly
// by the OK line (LT trace, H-011). <size> 1-10240, fewer bytes when the file is shorter; mode 0
// reads from the start, 1 from <pos>.
Outcome fsread(Air780epModel& m, CommandContext& ctx) {
  const auto& args = ctx.args();
  if (!args || args->size() < 3 || args->size() > 4) return Final::error();
  const auto path = path_arg(m, *args, 0, false);
  const auto mode = args->int_in(1, 0, 1);
  const auto size = args->int_in(2, 1, kMaxTransfer);
  const auto pos = args->size() == 4 ? args->integer(3) : std::optional<std::int64_t>(0);
  if (!path || !mode || !size || !pos || *pos < 0) return Final::error();
  std::string data;
  const std::size_t from = *mode == 1 ? static_cast<std::size_t>(*pos) : 0;
  if (m.fs().read(*path, from, static_cast<std::size_t>(*size), data) != fs::FsError::None) {
    return Final::error();
  }
  ctx.raw("\r\n" + data);
  return Final::ok();
}

// AT+FSDEL=<file> -> OK | ERROR (no such file, a directory: OQ-39).
Outcome fsdel(Air780epModel& m, CommandContext& ctx) {
  const auto path = only_path(m, ctx, false);
  return path ? result(m.fs().remove(*path)) : Final::error();
}

// AT+FSLS=<dir> -> one line per entry, directories with a trailing backslash, then OK
// ("\r\ntest.txt\r\ntestdir\\\r\n\r\nOK\r\n", LT trace). An empty directory answers OK alone.
Outcome fsls(Air780epModel& m, CommandContext& ctx) {
  const auto dir = only_path(m, ctx, true);
  std::vector<fs::FsEntry> entries;
  if (!dir || m.fs().list(*dir, entries) != fs::FsError::None) return Final::error();
  std::vector<std::string> lines;
  for (const auto& e : entries) lines.push_back(e.directory ? e.name + "\\" : e.name);
  if (!lines.empty()) ctx.info_lines(lines);
  return Final::ok();
}

// AT+FSFLSIZE=<file> -> +FSFLSIZE: <bytes> / OK (LT trace "+FSFLSIZE: 10").
Outcome fsflsize(Air780epModel& m, CommandContext& ctx) {
  const auto path = only_path(m, ctx, false);
  std::size_t size = 0;
  if (!path || m.fs().size(*path, size) != fs::FsError::None) return Final::error();
  ctx.info(fmt::format("+FSFLSIZE: {}", size));
  return Final::ok();
}

// AT+FSMEM -> +FSMEM: <free> bytes / OK (LT trace "+FSMEM: 64100 bytes").
Outcome fsmem(Air780epModel& m, CommandContext& ctx) {
  ctx.info(fmt::format("+FSMEM: {} bytes", m.fs().free_space()));
  return Final::ok();
}

// AT+FSDRIVE=0 -> +FSDRIVE:C / OK (LM: the module has one drive, C).
Outcome fsdrive(Air780epModel&, CommandContext& ctx) {
  const auto& args = ctx.args();
  if (!args || args->size() != 1 || !args->int_in(0, 0, 0)) return Final::error();
  ctx.info("+FSDRIVE:C");
  return Final::ok();
}

// AT+FSMKDIR=<dir> -> OK | ERROR (exists, parent missing, too deep).
Outcome fsmkdir(Air780epModel& m, CommandContext& ctx) {
  const auto path = only_path(m, ctx, false);
  return path ? result(m.fs().make_dir(*path)) : Final::error();
}

// AT+FSRMDIR=<dir> -> OK | ERROR (missing, not a directory, not empty).
Outcome fsrmdir(Air780epModel& m, CommandContext& ctx) {
  const auto path = only_path(m, ctx, false);
  return path ? result(m.fs().remove_dir(*path)) : Final::error();
}

}  // namespace

void add_fs_commands(at::CommandTable<Air780epModel>& t) {
  const auto fs = at::AbsentForms::all(Final::error());  // OQ-39
  t.add("+FSCREATE", {.set = fscreate, .absent = fs});
  t.add("+FSWRITE", {.set = fswrite, .absent = fs});
  t.add("+FSREAD", {.set = fsread, .absent = fs});
  t.add("+FSDEL", {.set = fsdel, .absent = fs});
  t.add("+FSLS", {.set = fsls, .absent = fs});
  t.add("+FSFLSIZE", {.set = fsflsize, .absent = fs});
  t.add("+FSMEM", {.exec = fsmem, .absent = fs});
  t.add("+FSDRIVE", {.set = fsdrive, .absent = fs});
  t.add("+FSMKDIR", {.set = fsmkdir, .absent = fs});
  t.add("+FSRMDIR", {.set = fsrmdir, .absent = fs});
}

}  // namespace cellemu::models::air780ep
