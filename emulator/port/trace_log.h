#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <system_error>

namespace cellemu::port {

// Direction of traced bytes, from the module's side: Rx host -> module, Tx module -> host.
enum class TraceDirection { Rx, Tx };

// One trace file (--trace, --trace-json), shared by every modem of the process. Each entry is
// formatted first and then written with a single write() on an O_APPEND descriptor, so entries
// from modems on different threads never interleave and no lock is needed; a reader sees every
// entry as soon as it is recorded.
//
// Text (close to the serial-tool logs of the seed traces), one line per entry:
//   [16:25:26.408] → AT\r
//   [16:25:26.410] ← AT\r\r\nOK\r\n
//   [16:25:26.410] modem3 ← \r\nOK\r\n        (with several modems)
// → is host to module, ← module to host; time of day in local time; printable ASCII as is,
// \r \n \t \\ and every other byte as \xHH.
//
// JSON lines:
//   {"t":1721723726.408,"modem":"modem0","dir":"rx","data":"AT\r"}
// "t" is Unix time in seconds with milliseconds; "dir" is "rx" (host to module) or "tx"; "data"
// maps each byte to the code point of the same value, so data.encode("latin-1") is exact.
class TraceLog {
 public:
  enum class Format { Text, Json };
  using WallTime = std::chrono::system_clock::time_point;

  // Creates or truncates `path`. name_modems: prefix text entries with the modem name.
  static std::shared_ptr<TraceLog> open(const std::string& path, Format format, bool name_modems,
                                        std::error_code& ec);
  ~TraceLog();
  TraceLog(const TraceLog&) = delete;
  TraceLog& operator=(const TraceLog&) = delete;

  void record(WallTime when, std::string_view modem, TraceDirection dir, std::string_view bytes);
  // What the entry just recorded carried, decoded (CMUX frames, PPP frames), as a comment line
  // after it: "# → CMUX DLCI 2 UIH \"AT\r\"". Text traces only (replay skips # lines); JSON
  // traces keep the bytes alone.
  void note(std::string_view modem, TraceDirection dir, std::string_view line);
  bool wants_notes() const { return format_ == Format::Text; }

  static std::string format_text(WallTime when, std::string_view modem, TraceDirection dir,
                                 std::string_view bytes);
  static std::string format_json(WallTime when, std::string_view modem, TraceDirection dir,
                                 std::string_view bytes);

 private:
  void write_entry(const std::string& entry);
  TraceLog(int fd, Format format, bool name_modems)
      : fd_(fd), format_(format), name_modems_(name_modems) {}

  int fd_;
  Format format_;
  bool name_modems_;
};

}  // namespace cellemu::port
