// The module file system against a hostile host folder (issue 14 items 2 and 7): FIFOs and other
// non-regular files never block or get opened as files, hard links to files elsewhere are
// refused, and both back ends stop at the same entry count.
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "emulator/fs/module_fs.h"

namespace cellemu::fs {
namespace {
namespace stdfs = std::filesystem;

stdfs::path fresh_dir(const std::string& tag) {
  const auto dir = stdfs::temp_directory_path() /
                   ("cellemu-fsh-" + tag + "-" + std::to_string(::getpid()) + "-" +
                    ::testing::UnitTest::GetInstance()->current_test_info()->name());
  stdfs::remove_all(dir);
  stdfs::create_directories(dir);
  return dir;
}

std::string slurp(const stdfs::path& p) {
  std::ifstream in(p);
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

// A FIFO nobody writes to: open(O_RDONLY) on it would block the thread forever.
TEST(HostFolderFsHostile, AFifoIsRefusedAtOnceNeverOpenedAsAFile) {
  const auto dir = fresh_dir("fifo");
  ASSERT_EQ(::mkfifo((dir / "pipe.crt").c_str(), 0644), 0);
  ASSERT_EQ(::mkfifo((dir / "pipe.out").c_str(), 0644), 0);
  std::error_code ec;
  auto fs = ModuleFs::host_folder(dir.string(), ec);
  ASSERT_TRUE(fs) << ec.message();
  const auto start = std::chrono::steady_clock::now();
  std::string out;
  EXPECT_EQ(fs->read("pipe.crt", 0, 100, out), FsError::InvalidName);
  EXPECT_FALSE(fs->load("pipe.crt"));
  EXPECT_EQ(fs->write("pipe.out", "data", false), FsError::InvalidName);
  EXPECT_EQ(fs->write("pipe.out", "data", true), FsError::InvalidName);
  std::size_t size = 0;
  EXPECT_EQ(fs->size("pipe.crt", size), FsError::InvalidName);
  EXPECT_EQ(fs->create("pipe.crt"), FsError::InvalidName);
  EXPECT_EQ(fs->remove("pipe.crt"), FsError::InvalidName);
  std::vector<FsEntry> entries;
  ASSERT_EQ(fs->list("", entries), FsError::None);
  EXPECT_TRUE(entries.empty());
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
  stdfs::remove_all(dir);
}

// A hard link inside the folder to a file outside it (made by anyone who can write the folder)
// would let the module read or overwrite that file: refused like a symlink.
TEST(HostFolderFsHostile, AHardLinkToAFileOutsideIsRefused) {
  const auto base = fresh_dir("hardlink");
  const auto outside = base / "secret";
  const auto sandbox = base / "sandbox";
  stdfs::create_directories(sandbox);
  std::ofstream(outside) << "host secret";
  std::error_code link_ec;
  stdfs::create_hard_link(outside, sandbox / "linked.crt", link_ec);
  if (link_ec) GTEST_SKIP() << "cannot make a hard link here: " << link_ec.message();
  std::error_code ec;
  auto fs = ModuleFs::host_folder(sandbox.string(), ec);
  ASSERT_TRUE(fs);
  std::string out;
  EXPECT_EQ(fs->read("linked.crt", 0, 100, out), FsError::InvalidName);
  EXPECT_EQ(fs->write("linked.crt", "pwned", false), FsError::InvalidName);
  EXPECT_EQ(fs->write("linked.crt", "pwned", true), FsError::InvalidName);
  std::size_t size = 0;
  EXPECT_EQ(fs->size("linked.crt", size), FsError::InvalidName);
  EXPECT_FALSE(fs->load("linked.crt"));
  std::vector<FsEntry> entries;
  ASSERT_EQ(fs->list("", entries), FsError::None);
  EXPECT_TRUE(entries.empty());
  EXPECT_EQ(fs->used(), 0u);
  EXPECT_EQ(slurp(outside), "host secret");
  stdfs::remove_all(base);
}

// Same entry quota from both back ends (the in-memory one always had it; the host folder took
// 5,000 AT+FSMKDIR in 0.6 s).
class ModuleFsQuota : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    const FsLimits limits{.capacity = 1000, .max_entries = 5};
    if (GetParam()) {
      dir_ = fresh_dir("quota");
      std::error_code ec;
      fs_ = ModuleFs::host_folder(dir_.string(), ec, limits);
      ASSERT_TRUE(fs_) << ec.message();
    } else {
      fs_ = ModuleFs::in_memory(limits);
    }
  }
  void TearDown() override {
    if (!dir_.empty()) stdfs::remove_all(dir_);
  }
  stdfs::path dir_;
  std::unique_ptr<ModuleFs> fs_;
};

TEST_P(ModuleFsQuota, EntriesStopAtTheLimitFilesAndDirectoriesAlike) {
  ASSERT_EQ(fs_->make_dir("d"), FsError::None);
  ASSERT_EQ(fs_->make_dir("d/e"), FsError::None);
  ASSERT_EQ(fs_->create("d/e/f"), FsError::None);
  ASSERT_EQ(fs_->create("a"), FsError::None);
  ASSERT_EQ(fs_->make_dir("b"), FsError::None);
  EXPECT_EQ(fs_->make_dir("c"), FsError::NoSpace);
  EXPECT_EQ(fs_->create("c"), FsError::NoSpace);
  EXPECT_EQ(fs_->create("d/e/g"), FsError::NoSpace);
  // An existing name is still what it was, not a quota error.
  EXPECT_EQ(fs_->create("a"), FsError::Exists);
  ASSERT_EQ(fs_->remove("a"), FsError::None);
  EXPECT_EQ(fs_->create("c"), FsError::None);
}

INSTANTIATE_TEST_SUITE_P(Backends, ModuleFsQuota, ::testing::Values(false, true),
                         [](const auto& info) { return info.param ? "HostFolder" : "Memory"; });

}  // namespace
}  // namespace cellemu::fs
