#include "emulator/sms/message_store.h"

#include <array>

namespace cellemu::sms {
namespace {

constexpr std::array<std::string_view, 4> kStatusNames = {"REC UNREAD", "REC READ", "STO UNSENT",
                                                          "STO SENT"};

bool matches(ListFilter filter, MessageStatus status) {
  return filter == ListFilter::All || static_cast<int>(filter) == static_cast<int>(status);
}

bool deleted_by(DeleteFlag flag, MessageStatus status) {
  switch (flag) {
    case DeleteFlag::Read:
      return status == MessageStatus::RecRead;
    case DeleteFlag::ReadSent:
      return status == MessageStatus::RecRead || status == MessageStatus::StoSent;
    case DeleteFlag::ReadSentUnsent:
      return status != MessageStatus::RecUnread;
    case DeleteFlag::All:
      return true;
    case DeleteFlag::Index:
      break;
  }
  return false;
}

}  // namespace

std::string_view status_name(MessageStatus status) {
  return kStatusNames[static_cast<std::size_t>(status)];
}

std::optional<ListFilter> list_filter_from_text(std::string_view name) {
  if (name == "ALL") return ListFilter::All;
  const auto status = status_from_text(name);
  if (!status) return std::nullopt;
  return static_cast<ListFilter>(static_cast<int>(*status));
}

std::optional<ListFilter> list_filter_from_number(long value) {
  if (value < 0 || value > 4) return std::nullopt;
  return static_cast<ListFilter>(value);
}

std::optional<MessageStatus> status_from_text(std::string_view name) {
  for (std::size_t i = 0; i < kStatusNames.size(); ++i) {
    if (kStatusNames[i] == name) return static_cast<MessageStatus>(i);
  }
  return std::nullopt;
}

std::optional<MessageStatus> status_from_number(long value) {
  if (value < 0 || value > 3) return std::nullopt;
  return static_cast<MessageStatus>(value);
}

std::optional<DeleteFlag> delete_flag_from_number(long value) {
  if (value < 0 || value > 4) return std::nullopt;
  return static_cast<DeleteFlag>(value);
}

std::optional<int> MessageStore::add(StoredMessage message) {
  if (full()) return std::nullopt;
  int index = 1;
  for (const auto& [taken, m] : messages_) {
    if (taken != index) break;
    ++index;
  }
  messages_.emplace(index, std::move(message));
  return index;
}

const StoredMessage* MessageStore::find(int index) const {
  const auto it = messages_.find(index);
  return it == messages_.end() ? nullptr : &it->second;
}

std::optional<StoredMessage> MessageStore::read(int index) {
  const auto it = messages_.find(index);
  if (it == messages_.end()) return std::nullopt;
  StoredMessage before = it->second;
  if (it->second.status == MessageStatus::RecUnread) it->second.status = MessageStatus::RecRead;
  return before;
}

std::vector<IndexedMessage> MessageStore::list(ListFilter filter) {
  std::vector<IndexedMessage> out;
  for (auto& [index, m] : messages_) {
    if (!matches(filter, m.status)) continue;
    out.push_back({index, m});
    if (m.status == MessageStatus::RecUnread) m.status = MessageStatus::RecRead;
  }
  return out;
}

bool MessageStore::mark_sent(int index) {
  const auto it = messages_.find(index);
  if (it == messages_.end() || it->second.received()) return false;
  it->second.status = MessageStatus::StoSent;
  return true;
}

bool MessageStore::remove(int index) {
  return messages_.erase(index) > 0;
}

void MessageStore::remove_all(DeleteFlag flag) {
  std::erase_if(messages_,
                [flag](const auto& entry) { return deleted_by(flag, entry.second.status); });
}

std::vector<int> MessageStore::used_indexes() const {
  std::vector<int> out;
  for (const auto& [index, m] : messages_) out.push_back(index);
  return out;
}

}  // namespace cellemu::sms
