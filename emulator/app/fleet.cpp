#include "emulator/app/fleet.h"

#include <csignal>
#include <cstdio>
#include <fstream>
#include <thread>

#include <fmt/format.h>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>

#include "emulator/core/logging.h"
#include "emulator/network/numbering.h"
#include "emulator/session/network_options.h"

namespace cellemu::app {
namespace {

// The profile every modem starts from: the model's, the --timing preset, the file's overrides.
bool base_profile(const AppOptions& options, models::Profile& profile) {
  if (!models::profile_by_name(options.model, profile)) return false;
  if (options.timing == "real") profile.timing = models::Timing::module_like();
  options.profile_overrides.apply(options.model, profile);
  return true;
}

// The modules' built-in root store, shared by every modem: --ca-bundle, else the host's system
// bundle when it has one (without it, verifying with no cacert fails, with that reason).
std::shared_ptr<const tls::RootStore> load_roots(const AppOptions& options, bool& ok) {
  ok = true;
  const std::string path = options.ca_bundle.empty() ? kSystemCaBundle : options.ca_bundle;
  std::string error;
  auto roots = tls::RootStore::load_file(path, error);
  if (roots) {
    core::logger("app")->debug("built-in root store: {} certificates from {}", roots->size(), path);
  } else if (!options.ca_bundle.empty()) {
    core::logger("app")->error("--ca-bundle: {}", error);
    ok = false;
  } else {
    core::logger("app")->warn(
        "no built-in root store ({}): TLS links with seclevel 1 or 2 need a cacert", error);
  }
  return roots;
}

std::vector<std::shared_ptr<port::TraceLog>> open_traces(const AppOptions& options, bool& ok) {
  std::vector<std::shared_ptr<port::TraceLog>> traces;
  const bool several = options.count > 1;
  const std::pair<const std::string*, port::TraceLog::Format> wanted[] = {
      {&options.trace, port::TraceLog::Format::Text},
      {&options.trace_json, port::TraceLog::Format::Json}};
  ok = true;
  for (const auto& [path, format] : wanted) {
    if (path->empty()) continue;
    std::error_code ec;
    auto log = port::TraceLog::open(*path, format, several, ec);
    if (!log) {
      core::logger("app")->error("cannot write trace file {}: {}", *path, ec.message());
      ok = false;
      return {};
    }
    traces.push_back(std::move(log));
  }
  return traces;
}

std::string link_for(const AppOptions& options, std::size_t i) {
  if (options.link.empty() || options.count == 1) return options.link;
  return options.link + std::to_string(i);
}

std::optional<port::ListenAddress> listen_address(const AppOptions& options, bool& ok) {
  ok = true;
  if (options.listen.empty()) return std::nullopt;
  auto listen = port::ListenAddress::parse(options.listen);
  if (!listen || (listen->port != 0 && listen->port + options.count - 1 > 65535)) {
    core::logger("app")->error("--listen {}: {} modems need ports {} to {}", options.listen,
                               options.count, listen ? listen->port : 0,
                               (listen ? listen->port : 0) + options.count - 1);
    ok = false;
  }
  return listen;
}

}  // namespace

// Runs control requests on the thread of the modem they are for and answers on the control
// socket's thread.
class Fleet::Directory final : public control::ModemDirectory {
 public:
  explicit Directory(Fleet& fleet) : fleet_(fleet) {}
  std::size_t size() const override { return fleet_.modems_.size(); }
  void run_on(std::size_t index, Task fn, std::function<void(nlohmann::json)> done) override {
    auto& shard = *fleet_.shards_[index % fleet_.shards_.size()];
    auto& home = fleet_.shards_.front()->io();
    ModemInstance* modem = fleet_.modems_[index];
    boost::asio::post(shard.io(), [modem, fn = std::move(fn), done = std::move(done), &home] {
      nlohmann::json result = {{"ok", false}, {"error", "internal error in the modem"}};
      modem->session().guard("a control request", [&] { result = fn(modem->session()); });
      boost::asio::post(home, [done, result = std::move(result)] { done(result); });
    });
  }

 private:
  Fleet& fleet_;
};

bool Fleet::open_control(const std::string& path) {
  directory_ = std::make_unique<Directory>(*this);
  control_ = std::make_unique<control::ControlServer>(shards_.front()->io(), *directory_);
  if (auto ec = control_->listen(path)) {
    core::logger("app")->error(
        "--control {}: {}", path,
        ec == std::errc::address_in_use
            ? "another emulator is answering on it (stop that one, or pick another path)"
            : ec.message() + " (remove the file or pick another path)");
    return false;
  }
  return true;
}

std::unique_ptr<Fleet> Fleet::open(const AppOptions& options,
                                   std::shared_ptr<const net::NetConfig> net,
                                   std::optional<scenario::Scenario> scenario) {
  auto log = core::logger("app");
  std::unique_ptr<Fleet> fleet(new Fleet());
  fleet->net_ = std::move(net);
  ModemSpec common;
  if (!base_profile(options, common.config.profile)) {
    log->error("unknown model '{}'", options.model);
    return nullptr;
  }
  bool ok = false;
  common.listen = listen_address(options, ok);
  if (!ok) return nullptr;
  // Checked by the option's validator already.
  common.listen_idle = options.listen_idle;
  common.traces = open_traces(options, ok);
  if (!ok) return nullptr;
  common.config.net = fleet->net_;
  auto network_options = session::network_options_for(common.config.profile);
  network_options.log_path = options.sms_log;
  std::string network_error;
  fleet->network_ = network::Network::create(std::move(network_options), &network_error);
  if (!fleet->network_) {
    log->error("{}", network_error);
    return nullptr;
  }
  common.config.network = fleet->network_;
  common.config.fs_dir = options.fs_dir;
  common.config.roots = load_roots(options, ok);
  if (!ok) return nullptr;
  if (const auto timing = at::parse_urc_timing(options.urc_timing)) {
    common.config.profile.urc_timing = *timing;  // the command line wins over the profile
  }
  common.config.test_throw_on = options.test_throw_on;
  common.report = !options.report.empty();
  common.baud = options.baud;
  common.time_scale = options.time_scale;
  if (scenario) common.scenario = std::make_shared<const scenario::Scenario>(std::move(*scenario));

  const std::size_t threads = std::min<std::size_t>(options.effective_threads(), options.count);
  for (std::size_t t = 0; t < threads; ++t) {
    fleet->shards_.push_back(std::make_unique<ModemShard>(options.time_scale));
  }
  for (std::size_t i = 0; i < options.count; ++i) {
    ModemSpec spec = common;
    spec.config.name = "modem" + std::to_string(i);
    // modem0 has the profile's number, the others count up from it (none past the last digit).
    auto& msisdn = spec.config.profile.sms.msisdn;
    msisdn = network::consecutive_number(msisdn, i).value_or("");
    spec.index = static_cast<int>(i);
    spec.link = link_for(options, i);
    if (spec.listen && spec.listen->port != 0) {
      spec.listen->port = static_cast<std::uint16_t>(spec.listen->port + i);
    }
    auto& shard = *fleet->shards_[i % threads];
    std::string error;
    auto modem = ModemInstance::open(shard.io(), shard.timers(), std::move(spec), error);
    if (!modem) {
      log->error("modem{}: {}", i, error);
      return nullptr;
    }
    if (i == 0 && modem->tcp() && modem->tcp()->exposed()) {
      log->warn(
          "--listen {}: the AT channel is reachable from other machines, without any "
          "authentication (fine in a container; use 127.0.0.1 otherwise)",
          options.listen);
    }
    fleet->modems_.push_back(modem.get());
    shard.add(std::move(modem));
  }
  if (!options.control.empty() && !fleet->open_control(options.control)) return nullptr;
  fleet->report_path_ = options.report;
  fleet->summary_ =
      options.count == 1
          ? fmt::format("{} ready on {}{}", options.model, fleet->modems_[0]->stdout_line(),
                        options.link.empty() ? "" : " (link " + options.link + ")")
          : fmt::format("{} {} modems ready on {} thread{}", options.count, options.model, threads,
                        threads == 1 ? "" : "s");
  return fleet;
}

Fleet::~Fleet() {
  control_.reset();
  directory_.reset();
  modems_.clear();
  shards_.clear();
}

int Fleet::run() {
  for (auto& shard : shards_) shard->settle();
  auto log = core::logger("app");
  // Every way a terminal or a supervisor ends us cleans up: links and the control socket go.
  boost::asio::signal_set signals(shards_.front()->io(), SIGINT, SIGTERM, SIGHUP);
  signals.add(SIGQUIT);
  signals.async_wait([this, log](const boost::system::error_code& e, int signo) {
    if (e) return;
    log->info("signal {}: shutting down", signo);
    for (auto& shard : shards_) shard->stop();
  });
  std::vector<std::thread> threads;
  for (std::size_t t = 1; t < shards_.size(); ++t) {
    threads.emplace_back([shard = shards_[t].get()] { shard->run(); });
  }
  // Every thread runs (or is about to) before anyone learns a port name.
  for (const auto* modem : modems_) std::printf("%s\n", modem->stdout_line().c_str());
  std::fflush(stdout);
  log->info("{}", summary_);
  shards_.front()->run();
  for (auto& shard : shards_) shard->stop();
  for (auto& t : threads) t.join();
  write_report();
  return 0;
}

// Every thread has stopped: the reports can be read from here.
void Fleet::write_report() {
  if (report_path_.empty()) return;
  nlohmann::json modems = nlohmann::json::array();
  std::string text;
  for (auto* modem : modems_) {
    if (auto* report = modem->finish_report()) {
      modems.push_back(report->to_json());
      text += report->to_text();
    }
  }
  std::ofstream json_out(report_path_);
  json_out << nlohmann::json{{"modems", modems}}.dump(2) << "\n";
  std::ofstream text_out(report_path_ + ".txt");
  text_out << text;
  if (!json_out || !text_out) {
    core::logger("app")->error("cannot write the report {}", report_path_);
  } else {
    core::logger("app")->info("report written to {} and {}.txt", report_path_, report_path_);
  }
}

}  // namespace cellemu::app
