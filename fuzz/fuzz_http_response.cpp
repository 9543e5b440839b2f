// libFuzzer entry of http_response_target.h (the unit tests replay its corpus and saved crashes).
#include "fuzz/http_response_target.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return cellemu::fuzz::run_http_response(data, size);
}
