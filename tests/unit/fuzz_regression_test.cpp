// The protocol fuzz targets' seed corpora and every input that once crashed them, replayed in the
// ordinary test run (a regression aborts the test program, naming the input below).
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

#include <gtest/gtest.h>

#include "fuzz/http_response_target.h"
#include "fuzz/mqtt_client_target.h"
#include "fuzz/mqtt_decoder_target.h"

namespace cellemu {
namespace {

using Target = std::function<int(const std::uint8_t*, std::size_t)>;

// Replays fuzz/corpus/<name>/ and tests/data/fuzz/<name>/ (crash inputs); returns how many.
std::size_t replay(const std::string& name, const Target& target) {
  std::size_t count = 0;
  const std::string root = CELLEMU_SOURCE_DIR;
  const std::string dirs[] = {root + "/fuzz/corpus/" + name, root + "/tests/data/fuzz/" + name};
  for (const std::string& dir : dirs) {
    if (!std::filesystem::is_directory(dir)) continue;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream bytes;
      bytes << in.rdbuf();
      const std::string input = bytes.str();
      SCOPED_TRACE(entry.path().string());
      std::fprintf(stderr, "replaying %s\n", entry.path().c_str());
      target(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
      ++count;
    }
  }
  return count;
}

TEST(FuzzRegression, MqttDecoder) {
  EXPECT_GT(replay("mqtt_decoder", fuzz::run_mqtt_decoder), 0u);
}

TEST(FuzzRegression, MqttClient) {
  EXPECT_GT(replay("mqtt_client", fuzz::run_mqtt_client), 0u);
}

TEST(FuzzRegression, HttpResponse) {
  EXPECT_GT(replay("http_response", fuzz::run_http_response), 0u);
}

}  // namespace
}  // namespace cellemu
