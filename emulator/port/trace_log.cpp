#include "emulator/port/trace_log.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>

#include <fmt/format.h>

#include "emulator/core/bytes.h"
#include "emulator/core/json_text.h"
#include "emulator/core/logging.h"

namespace cellemu::port {

std::shared_ptr<TraceLog> TraceLog::open(const std::string& path, Format format, bool name_modems,
                                         std::error_code& ec) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) {
    ec = std::error_code(errno, std::generic_category());
    return nullptr;
  }
  return std::shared_ptr<TraceLog>(new TraceLog(fd, format, name_modems));
}

TraceLog::~TraceLog() {
  ::close(fd_);
}

void TraceLog::record(WallTime when, std::string_view modem, TraceDirection dir,
                      std::string_view bytes) {
  const std::string entry = format_ == Format::Json
                                ? format_json(when, modem, dir, bytes)
                                : format_text(when, name_modems_ ? modem : "", dir, bytes);
  write_entry(entry);
}

void TraceLog::note(std::string_view modem, TraceDirection dir, std::string_view line) {
  if (format_ != Format::Text) return;
  std::string entry = "# ";
  if (name_modems_) {
    entry.append(modem);
    entry += ' ';
  }
  entry += dir == TraceDirection::Rx ? "→ " : "← ";
  entry.append(line);
  entry += '\n';
  write_entry(entry);
}

void TraceLog::write_entry(const std::string& entry) {
  std::size_t off = 0;
  while (off < entry.size()) {
    const ssize_t n = ::write(fd_, entry.data() + off, entry.size() - off);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      core::logger("port")->error("trace: write failed: {}", std::strerror(errno));
      return;
    }
    off += static_cast<std::size_t>(n);
  }
}

std::string TraceLog::format_text(WallTime when, std::string_view modem, TraceDirection dir,
                                  std::string_view bytes) {
  using namespace std::chrono;
  const auto since = when.time_since_epoch();
  const std::time_t secs = duration_cast<seconds>(since).count();
  const auto ms = duration_cast<milliseconds>(since).count() % 1000;
  std::tm tm{};
  ::localtime_r(&secs, &tm);
  std::string out = fmt::format("[{:02}:{:02}:{:02}.{:03}] ", tm.tm_hour, tm.tm_min, tm.tm_sec, ms);
  if (!modem.empty()) {
    out.append(modem);
    out += ' ';
  }
  out += dir == TraceDirection::Rx ? "→ " : "← ";
  out += core::escape_bytes(bytes, bytes.size());
  out += '\n';
  return out;
}

std::string TraceLog::format_json(WallTime when, std::string_view modem, TraceDirection dir,
                                  std::string_view bytes) {
  using namespace std::chrono;
  const auto ms = duration_cast<milliseconds>(when.time_since_epoch()).count();
  std::string out = fmt::format("{{\"t\":{}.{:03},\"modem\":\"", ms / 1000, ms % 1000);
  core::append_json_utf8(out, modem);
  out +=
      dir == TraceDirection::Rx ? "\",\"dir\":\"rx\",\"data\":\"" : "\",\"dir\":\"tx\",\"data\":\"";
  core::append_json_latin1(out, bytes);
  out += "\"}\n";
  return out;
}

}  // namespace cellemu::port
