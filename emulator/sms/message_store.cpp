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

std::size_t MessageStore::used() const {
  std::size_t n = 0;
  for (const auto& s : slots_) n += s.has_value();
  return n;
}

std::optional<int> MessageStore::add(StoredMessage message) {
  for (std::size_t i = 0; i < slots_.size(); ++i) {
    if (slots_[i]) continue;
    slots_[i] = std::move(message);
    return static_cast<int>(i + 1);
  }
  return std::nullopt;
}

std::optional<StoredMessage>* MessageStore::slot(int index) {
  if (index < 1 || static_cast<std::size_t>(index) > slots_.size()) return nullptr;
  auto& s = slots_[static_cast<std::size_t>(index - 1)];
  return s ? &s : nullptr;
}

const StoredMessage* MessageStore::find(int index) const {
  if (index < 1 || static_cast<std::size_t>(index) > slots_.size()) return nullptr;
  const auto& s = slots_[static_cast<std::size_t>(index - 1)];
  return s ? &*s : nullptr;
}

std::optional<StoredMessage> MessageStore::read(int index) {
  auto* s = slot(index);
  if (!s) return std::nullopt;
  StoredMessage before = **s;
  if ((*s)->status == MessageStatus::RecUnread) (*s)->status = MessageStatus::RecRead;
  return before;
}

std::vector<IndexedMessage> MessageStore::list(ListFilter filter) {
  std::vector<IndexedMessage> out;
  for (std::size_t i = 0; i < slots_.size(); ++i) {
    auto& s = slots_[i];
    if (!s || !matches(filter, s->status)) continue;
    out.push_back({static_cast<int>(i + 1), *s});
    if (s->status == MessageStatus::RecUnread) s->status = MessageStatus::RecRead;
  }
  return out;
}

bool MessageStore::mark_sent(int index) {
  auto* s = slot(index);
  if (!s || (*s)->received()) return false;
  (*s)->status = MessageStatus::StoSent;
  return true;
}

bool MessageStore::remove(int index) {
  auto* s = slot(index);
  if (!s) return false;
  s->reset();
  return true;
}

void MessageStore::remove_all(DeleteFlag flag) {
  for (auto& s : slots_) {
    if (s && deleted_by(flag, s->status)) s.reset();
  }
}

std::vector<int> MessageStore::used_indexes() const {
  std::vector<int> out;
  for (std::size_t i = 0; i < slots_.size(); ++i) {
    if (slots_[i]) out.push_back(static_cast<int>(i + 1));
  }
  return out;
}

}  // namespace cellemu::sms
