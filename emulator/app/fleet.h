#pragma once

#include <memory>
#include <vector>

#include "emulator/app/app_options.h"
#include "emulator/app/modem_shard.h"
#include "emulator/control/control_server.h"
#include "emulator/network/network.h"
#include "emulator/scenario/scenario.h"
#include "net/net_config.h"

namespace cellemu::app {

// Every modem of the process (--count N, default 1), spread round-robin over a few threads
// (--threads): modem i lives on shard i % threads, each shard being one thread with its own
// io_context and timer service. A slow or busy modem only delays the modems of its own shard,
// and then only by the time one event takes; no modem has a thread of its own.
class Fleet {
 public:
  // Opens every modem; nullptr (after logging why) when one cannot be made.
  static std::unique_ptr<Fleet> open(const AppOptions& options,
                                     std::shared_ptr<const net::NetConfig> net,
                                     std::optional<scenario::Scenario> scenario = std::nullopt);
  ~Fleet();

  // Prints one stdout line per modem in order, then runs until SIGINT, SIGTERM, SIGHUP or SIGQUIT.
  int run();

 private:
  class Directory;
  Fleet() = default;
  bool open_control(const std::string& path);

  std::shared_ptr<const net::NetConfig> net_;
  // The operator network every modem attaches to (SMS between modems, network time).
  std::shared_ptr<network::Network> network_;
  std::vector<std::unique_ptr<ModemShard>> shards_;
  std::vector<ModemInstance*> modems_;  // in index order
  std::string summary_;
  std::string report_path_;
  void write_report();
  // The control socket lives on the first shard's thread; it goes before the shards.
  std::unique_ptr<control::ModemDirectory> directory_;
  std::unique_ptr<control::ControlServer> control_;
};

}  // namespace cellemu::app
