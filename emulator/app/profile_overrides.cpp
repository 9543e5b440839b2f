#include "emulator/app/profile_overrides.h"

#include <algorithm>
#include <climits>
#include <variant>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "emulator/core/duration_parser.h"
#include "emulator/core/quote_input.h"
#include "models/model_factory.h"
#include "net/ppp/port_forward.h"

namespace cellemu::app {
namespace {

using models::Profile;
using StringRef = std::string& (*)(Profile&);
using IntRef = int& (*)(Profile&);
using BoolRef = bool& (*)(Profile&);
using DurationRef = core::Duration& (*)(Profile&);
using ListRef = std::vector<std::string>& (*)(Profile&);
using UrcTimingRef = at::UrcTiming& (*)(Profile&);
using OperatorsRef = std::vector<models::OperatorEntry>& (*)(Profile&);

struct IntField {
  IntRef ref;
  int min = INT_MIN;
  int max = INT_MAX;
};

// A list whose every item must pass `check` (which says why not).
struct CheckedList {
  ListRef ref;
  bool (*check)(const std::string& item, std::string* why);
};

struct FieldSpec {
  const char* path;
  std::variant<StringRef, IntField, BoolRef, DurationRef, ListRef, CheckedList, UrcTimingRef,
               OperatorsRef>
      ref;
};

bool valid_forward(const std::string& item, std::string* why) {
  return net::ppp::PortForward::parse(item, why).has_value();
}

// Every overridable field of models::Profile (keep in step with models/profile.h).
const FieldSpec kFields[] = {
    {"identity.manufacturer", [](Profile& p) -> std::string& { return p.identity.manufacturer; }},
    {"identity.model", [](Profile& p) -> std::string& { return p.identity.model; }},
    {"identity.revision", [](Profile& p) -> std::string& { return p.identity.revision; }},
    {"identity.product", [](Profile& p) -> std::string& { return p.identity.product; }},
    {"identity.imei", [](Profile& p) -> std::string& { return p.identity.imei; }},
    {"identity.imsi", [](Profile& p) -> std::string& { return p.identity.imsi; }},
    {"identity.iccid", [](Profile& p) -> std::string& { return p.identity.iccid; }},
    {"network.local_ip", [](Profile& p) -> std::string& { return p.network.local_ip; }},
    {"network.apn", [](Profile& p) -> std::string& { return p.network.apn; }},
    {"network.operator_name", [](Profile& p) -> std::string& { return p.network.operator_name; }},
    {"network.operator_numeric",
     [](Profile& p) -> std::string& { return p.network.operator_numeric; }},
    {"network.primary_dns", [](Profile& p) -> std::string& { return p.network.primary_dns; }},
    {"network.secondary_dns", [](Profile& p) -> std::string& { return p.network.secondary_dns; }},
    {"network.tac", [](Profile& p) -> std::string& { return p.network.tac; }},
    {"network.cell_id", [](Profile& p) -> std::string& { return p.network.cell_id; }},
    {"network.operators",
     [](Profile& p) -> std::vector<models::OperatorEntry>& { return p.network.operators; }},
    {"network.rssi", IntField{[](Profile& p) -> int& { return p.network.rssi; }, 0, 99}},
    {"network.ber", IntField{[](Profile& p) -> int& { return p.network.ber; }, 0, 99}},
    {"network.time_zone",
     IntField{[](Profile& p) -> int& { return p.network.time_zone; }, -48, 56}},
    {"sms.msisdn", [](Profile& p) -> std::string& { return p.sms.msisdn; }},
    {"sms.smsc", [](Profile& p) -> std::string& { return p.sms.smsc; }},
    {"sms.sm_capacity", IntField{[](Profile& p) -> int& { return p.sms.sm_capacity; }, 0, 255}},
    {"sms.me_capacity", IntField{[](Profile& p) -> int& { return p.sms.me_capacity; }, 0, 255}},
    {"sms.no_sms_plmns",
     [](Profile& p) -> std::vector<std::string>& { return p.sms.no_sms_plmns; }},
    {"battery.millivolts",
     IntField{[](Profile& p) -> int& { return p.battery.millivolts; }, 0, 5000}},
    {"battery.percent", IntField{[](Profile& p) -> int& { return p.battery.percent; }, 0, 100}},
    {"battery.format", [](Profile& p) -> std::string& { return p.battery.format; }},
    {"timing.real", [](Profile& p) -> bool& { return p.timing.real; }},
    {"timing.command", [](Profile& p) -> core::Duration& { return p.timing.command; }},
    {"timing.activate", [](Profile& p) -> core::Duration& { return p.timing.activate; }},
    {"timing.connect", [](Profile& p) -> core::Duration& { return p.timing.connect; }},
    {"timing.dns_failure", [](Profile& p) -> core::Duration& { return p.timing.dns_failure; }},
    {"timing.shut", [](Profile& p) -> core::Duration& { return p.timing.shut; }},
    {"timing.send_result", [](Profile& p) -> core::Duration& { return p.timing.send_result; }},
    {"timing.sms_send", [](Profile& p) -> core::Duration& { return p.timing.sms_send; }},
    {"timing.sms_barred", [](Profile& p) -> core::Duration& { return p.timing.sms_barred; }},
    {"timing.boot_ready", [](Profile& p) -> core::Duration& { return p.timing.boot_ready; }},
    {"timing.boot_registration",
     [](Profile& p) -> core::Duration& { return p.timing.boot_registration; }},
    {"timing.mqtt_tcp_connected",
     [](Profile& p) -> core::Duration& { return p.timing.mqtt_tcp_connected; }},
    {"timing.mqtt_tls_connected",
     [](Profile& p) -> core::Duration& { return p.timing.mqtt_tls_connected; }},
    {"timing.mqtt_connack", [](Profile& p) -> core::Duration& { return p.timing.mqtt_connack; }},
    {"timing.mqtt_suback", [](Profile& p) -> core::Duration& { return p.timing.mqtt_suback; }},
    {"timing.mqtt_puback", [](Profile& p) -> core::Duration& { return p.timing.mqtt_puback; }},
    {"timing.mqtt_pubcomp", [](Profile& p) -> core::Duration& { return p.timing.mqtt_pubcomp; }},
    {"default_cmee", IntField{[](Profile& p) -> int& { return p.default_cmee; }, 0, 2}},
    {"power_up_urcs", [](Profile& p) -> std::vector<std::string>& { return p.power_up_urcs; }},
    {"reset_urcs", [](Profile& p) -> std::vector<std::string>& { return p.reset_urcs; }},
    {"v250_identity", [](Profile& p) -> bool& { return p.v250_identity; }},
    {"no_sim_urcs", [](Profile& p) -> std::vector<std::string>& { return p.no_sim_urcs; }},
    {"radio_off_urcs", [](Profile& p) -> std::vector<std::string>& { return p.radio_off_urcs; }},
    {"nitz", [](Profile& p) -> std::string& { return p.nitz; }},
    {"max_links", IntField{[](Profile& p) -> int& { return p.max_links; }, 1, 64}},
    {"simcom_compat", [](Profile& p) -> bool& { return p.simcom_compat; }},
    {"wake_lost_lines", IntField{[](Profile& p) -> int& { return p.wake_lost_lines; }, 0, 8}},
    {"sim_hotplug", [](Profile& p) -> bool& { return p.sim_hotplug; }},
    {"cereg_key_bug", [](Profile& p) -> bool& { return p.cereg_key_bug; }},
    {"ctzr_default", IntField{[](Profile& p) -> int& { return p.ctzr_default; }, 0, 1}},
    {"ctzr_settable", [](Profile& p) -> bool& { return p.ctzr_settable; }},
    {"cpowd", [](Profile& p) -> bool& { return p.cpowd; }},
    {"cms_text_under_cmee1", [](Profile& p) -> bool& { return p.cms_text_under_cmee1; }},
    {"strict_multi_bringup", [](Profile& p) -> bool& { return p.strict_multi_bringup; }},
    {"esc_reply_ok", [](Profile& p) -> bool& { return p.esc_reply_ok; }},
    {"tls_close_as_close_ok", [](Profile& p) -> bool& { return p.tls_close_as_close_ok; }},
    {"ciprxget_sender", [](Profile& p) -> bool& { return p.ciprxget_sender; }},
    {"ssl_requires_version", [](Profile& p) -> bool& { return p.ssl_requires_version; }},
    {"tls13", [](Profile& p) -> bool& { return p.tls13; }},
    {"ipopen_sync_error_without_network",
     [](Profile& p) -> bool& { return p.ipopen_sync_error_without_network; }},
    {"ppp_supported", [](Profile& p) -> bool& { return p.ppp_supported; }},
    {"ppp_auth", IntField{[](Profile& p) -> int& { return p.ppp_auth; }, 0, 2}},
    {"ppp_lan_private", [](Profile& p) -> bool& { return p.ppp_lan_private; }},
    {"ppp_forwards",
     CheckedList{[](Profile& p) -> std::vector<std::string>& { return p.ppp_forwards; },
                 valid_forward}},
    {"cmux_supported", [](Profile& p) -> bool& { return p.cmux_supported; }},
    {"ppp_pdn_lost_urc", [](Profile& p) -> std::string& { return p.ppp_pdn_lost_urc; }},
    {"pdn_deact_urc", [](Profile& p) -> std::string& { return p.pdn_deact_urc; }},
    {"urc_timing", [](Profile& p) -> at::UrcTiming& { return p.urc_timing; }},
};

const char* const kSections[] = {"identity", "network", "sms", "battery", "timing"};

std::string normalized(std::string key) {
  std::replace(key.begin(), key.end(), '-', '_');
  return key;
}

std::string at_line(const YAML::Node& node, std::string_view reason) {
  return fmt::format("line {}: {}", node.Mark().line + 1, reason);
}

// Module timings: up to an hour; a bare number counts milliseconds.
constexpr core::DurationRange kTiming{.max = std::chrono::hours(1),
                                      .bare_unit = std::chrono::milliseconds(1)};

// network.operators: a list of {numeric, long, short, stat} (AT+COPS=? and the names AT+COPS?
// prints, services §5.1); stat 1 available, 2 current, 3 forbidden (27.007), default 1.
std::optional<std::string> parse_operators(const YAML::Node& node,
                                           std::vector<models::OperatorEntry>& out) {
  if (!node.IsSequence()) return at_line(node, "network.operators: expected a list of mappings");
  for (const auto& item : node) {
    if (!item.IsMap() || !item["numeric"] || !item["numeric"].IsScalar()) {
      return at_line(item, "network.operators: each entry needs numeric (and long, short, stat)");
    }
    models::OperatorEntry op;
    op.stat = 1;
    op.numeric = item["numeric"].Scalar();
    op.long_name = item["long"] ? item["long"].Scalar() : op.numeric;
    op.short_name = item["short"] ? item["short"].Scalar() : op.long_name;
    if (item["stat"] &&
        (!YAML::convert<int>::decode(item["stat"], op.stat) || op.stat < 0 || op.stat > 3)) {
      return at_line(item["stat"], "network.operators: stat is 0 to 3");
    }
    out.push_back(std::move(op));
  }
  return std::nullopt;
}

// Checks `node` against `spec`; on success returns the change to make.
std::optional<std::string> make_setter(const FieldSpec& spec, const YAML::Node& node,
                                       std::function<void(Profile&)>& setter) {
  const std::string name = spec.path;
  const auto* checked = std::get_if<CheckedList>(&spec.ref);
  if (const auto* list = std::get_if<ListRef>(&spec.ref); list || checked) {
    if (!node.IsSequence()) return at_line(node, name + ": expected a list of strings");
    std::vector<std::string> values;
    for (const auto& item : node) {
      if (!item.IsScalar()) return at_line(item, name + ": expected a string");
      std::string why;
      if (checked && !checked->check(item.Scalar(), &why)) {
        return at_line(item,
                       fmt::format("{}: {} ({})", name, why, core::quote_input(item.Scalar())));
      }
      values.push_back(item.Scalar());
    }
    setter = [ref = list ? *list : checked->ref, values](Profile& p) { ref(p) = values; };
    return std::nullopt;
  }
  if (const auto* ops = std::get_if<OperatorsRef>(&spec.ref)) {
    std::vector<models::OperatorEntry> values;
    if (auto err = parse_operators(node, values)) return err;
    setter = [ref = *ops, values](Profile& p) { ref(p) = values; };
    return std::nullopt;
  }
  if (!node.IsScalar()) return at_line(node, name + ": expected a single value");
  const std::string text = node.Scalar();
  if (const auto* str = std::get_if<StringRef>(&spec.ref)) {
    setter = [ref = *str, text](Profile& p) { ref(p) = text; };
  } else if (const auto* field = std::get_if<IntField>(&spec.ref)) {
    int value = 0;
    if (!YAML::convert<int>::decode(node, value) || value < field->min || value > field->max) {
      return at_line(node, fmt::format("{}: expected an integer from {} to {}, got {}", name,
                                       field->min, field->max, core::quote_input(text)));
    }
    setter = [ref = field->ref, value](Profile& p) { ref(p) = value; };
  } else if (const auto* flag = std::get_if<BoolRef>(&spec.ref)) {
    bool value = false;
    if (!YAML::convert<bool>::decode(node, value)) {
      return at_line(
          node, fmt::format("{}: expected true or false, got {}", name, core::quote_input(text)));
    }
    setter = [ref = *flag, value](Profile& p) { ref(p) = value; };
  } else if (const auto* dur = std::get_if<DurationRef>(&spec.ref)) {
    std::string why;
    const auto value = core::parse_duration(text, kTiming, &why);
    if (!value) return at_line(node, name + ": " + why);
    setter = [ref = *dur, d = *value](Profile& p) { ref(p) = d; };
  } else if (const auto* timing = std::get_if<UrcTimingRef>(&spec.ref)) {
    const auto value = at::parse_urc_timing(text);
    if (!value) {
      return at_line(node, fmt::format("{}: expected held, immediate or race, got {}", name,
                                       core::quote_input(text)));
    }
    setter = [ref = *timing, t = *value](Profile& p) { ref(p) = t; };
  }
  return std::nullopt;
}

const FieldSpec* find_field(const std::string& path) {
  for (const auto& f : kFields) {
    if (path == f.path) return &f;
  }
  return nullptr;
}

std::optional<std::string> parse_fields(const YAML::Node& map, const std::string& prefix,
                                        std::vector<std::function<void(Profile&)>>& out) {
  for (const auto& item : map) {
    const std::string key = normalized(item.first.Scalar());
    const bool is_section = prefix.empty() && std::find(std::begin(kSections), std::end(kSections),
                                                        key) != std::end(kSections);
    if (is_section) {
      if (!item.second.IsMap()) return at_line(item.second, key + ": expected a mapping");
      if (auto err = parse_fields(item.second, key + ".", out)) return err;
      continue;
    }
    const std::string path = prefix + key;
    const FieldSpec* spec = find_field(path);
    if (!spec) {
      return at_line(item.first,
                     fmt::format("unknown profile field {} (known: {})", core::quote_input(path),
                                 fmt::join(ProfileOverrides::field_names(), ", ")));
    }
    std::function<void(Profile&)> setter;
    if (auto err = make_setter(*spec, item.second, setter)) return err;
    out.push_back(std::move(setter));
  }
  return std::nullopt;
}

}  // namespace

std::vector<std::string> ProfileOverrides::field_names() {
  std::vector<std::string> names;
  for (const auto& f : kFields) names.emplace_back(f.path);
  return names;
}

std::optional<std::string> ProfileOverrides::parse(const YAML::Node& profiles,
                                                   ProfileOverrides& out) {
  if (!profiles.IsMap()) {
    return at_line(profiles, "profiles: expected a mapping of model name to fields");
  }
  ProfileOverrides parsed;
  const auto& models_known = models::model_names();
  for (const auto& item : profiles) {
    const std::string model = item.first.Scalar();
    if (std::find(models_known.begin(), models_known.end(), model) == models_known.end()) {
      return at_line(item.first,
                     fmt::format("profiles: unknown model {} (known: {})", core::quote_input(model),
                                 fmt::join(models_known, ", ")));
    }
    if (!item.second.IsMap()) return at_line(item.second, model + ": expected a mapping");
    if (auto err = parse_fields(item.second, "", parsed.by_model_[model])) return err;
  }
  out = std::move(parsed);
  return std::nullopt;
}

void ProfileOverrides::apply(const std::string& model, models::Profile& profile) const {
  const auto it = by_model_.find(model);
  if (it == by_model_.end()) return;
  for (const auto& set : it->second) set(profile);
}

}  // namespace cellemu::app
