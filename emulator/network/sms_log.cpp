#include "emulator/network/sms_log.h"

#include <cerrno>

namespace cellemu::network {

std::unique_ptr<SmsLog> SmsLog::open(const std::string& path, std::error_code& ec) {
  std::FILE* file = std::fopen(path.c_str(), "a");
  if (!file) {
    ec = std::error_code(errno, std::generic_category());
    return nullptr;
  }
  return std::unique_ptr<SmsLog>(new SmsLog(file));
}

SmsLog::~SmsLog() {
  std::fclose(file_);
}

void SmsLog::write(const SmsRecord& record) {
  const std::string line = record.json() + "\n";
  std::fwrite(line.data(), 1, line.size(), file_);
  std::fflush(file_);
}

}  // namespace cellemu::network
