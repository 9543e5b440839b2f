// libFuzzer entry of mqtt_decoder_target.h (the unit tests replay its corpus and saved crashes).
#include "fuzz/mqtt_decoder_target.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return cellemu::fuzz::run_mqtt_decoder(data, size);
}
