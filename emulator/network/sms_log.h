#pragma once

#include <cstdio>
#include <memory>
#include <string>
#include <system_error>

#include "emulator/network/sms_record.h"

namespace cellemu::network {

// --sms-log FILE: one JSON object per message and line (SmsRecord::json), appended and flushed
// as each message completes so a test or `tail -f` sees it at once. Not thread-safe: the
// Network writes it under its lock.
class SmsLog {
 public:
  // nullptr (and `ec` set) when the file cannot be opened for appending.
  static std::unique_ptr<SmsLog> open(const std::string& path, std::error_code& ec);
  ~SmsLog();
  SmsLog(const SmsLog&) = delete;
  SmsLog& operator=(const SmsLog&) = delete;

  void write(const SmsRecord& record);

 private:
  explicit SmsLog(std::FILE* file) : file_(file) {}
  std::FILE* file_;
};

}  // namespace cellemu::network
