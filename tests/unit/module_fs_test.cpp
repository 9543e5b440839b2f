#include "emulator/fs/module_fs.h"

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

namespace cellemu::fs {
namespace {

TEST(ModuleFsNames, NormalisesModulePaths) {
  auto fs = ModuleFs::in_memory();
  EXPECT_EQ(fs->normalize("server.crt"), "server.crt");
  EXPECT_EQ(fs->normalize("/testdir/test.txt"), "testdir/test.txt");
  EXPECT_EQ(fs->normalize("C:/testdir//test.txt"), "testdir/test.txt");
  EXPECT_EQ(fs->normalize("c:/"), "");
  EXPECT_EQ(fs->normalize("/"), "");
}

TEST(ModuleFsNames, RefusesEveryEscape) {
  auto fs = ModuleFs::in_memory();
  for (const char* hostile :
       {"..", "../x", "/../../etc/passwd", "C:/../x", "a/../../b", "a/./b", ".", "a\\..\\b",
        "C:\\Windows", "x:y", "/etc/passwd\n", "a\x01", "*", "a|b"}) {
    EXPECT_FALSE(fs->normalize(hostile)) << hostile;
  }
  EXPECT_FALSE(fs->normalize(std::string(65, 'a')));
  EXPECT_FALSE(fs->normalize(std::string("a\0b", 3)));
  EXPECT_FALSE(fs->normalize("a/b/c/d/e/f/g/h/i"));
}

// Same behaviour from both backends.
class ModuleFsTest : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    if (GetParam()) {
      dir_ = std::filesystem::temp_directory_path() /
             ("cellemu-fs-" + std::to_string(::getpid()) + "-" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name());
      std::filesystem::remove_all(dir_);
      std::filesystem::create_directories(dir_);
      std::error_code ec;
      fs_ = ModuleFs::host_folder(dir_.string(), ec, FsLimits{.capacity = 1000});
      ASSERT_TRUE(fs_) << ec.message();
    } else {
      fs_ = ModuleFs::in_memory(FsLimits{.capacity = 1000});
    }
  }
  void TearDown() override {
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }
  std::filesystem::path dir_;
  std::unique_ptr<ModuleFs> fs_;
};

TEST_P(ModuleFsTest, FileRoundTrip) {  // H-011 shape
  ASSERT_EQ(fs_->make_dir("testdir"), FsError::None);
  ASSERT_EQ(fs_->create("testdir/test.txt"), FsError::None);
  EXPECT_EQ(fs_->create("testdir/test.txt"), FsError::Exists);
  ASSERT_EQ(fs_->write("testdir/test.txt", "1234567890", false), FsError::None);
  std::string out;
  ASSERT_EQ(fs_->read("testdir/test.txt", 0, 10, out), FsError::None);
  EXPECT_EQ(out, "1234567890");
  ASSERT_EQ(fs_->read("testdir/test.txt", 4, 3, out), FsError::None);
  EXPECT_EQ(out, "567");
  ASSERT_EQ(fs_->write("testdir/test.txt", "AB", true), FsError::None);
  std::size_t size = 0;
  ASSERT_EQ(fs_->size("testdir/test.txt", size), FsError::None);
  EXPECT_EQ(size, 12u);
  std::vector<FsEntry> entries;
  ASSERT_EQ(fs_->list("", entries), FsError::None);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].name, "testdir");
  EXPECT_TRUE(entries[0].directory);
  EXPECT_EQ(fs_->remove_dir("testdir"), FsError::NotEmpty);
  ASSERT_EQ(fs_->remove("testdir/test.txt"), FsError::None);
  EXPECT_EQ(fs_->remove("testdir/test.txt"), FsError::NotFound);
  EXPECT_EQ(fs_->remove_dir("testdir"), FsError::None);
  EXPECT_EQ(fs_->used(), 0u);
}

TEST_P(ModuleFsTest, CapacityIsEnforcedBeforeWriting) {
  ASSERT_EQ(fs_->create("a"), FsError::None);
  ASSERT_EQ(fs_->write("a", std::string(900, 'x'), false), FsError::None);
  ASSERT_EQ(fs_->create("b"), FsError::None);
  EXPECT_EQ(fs_->write("b", std::string(200, 'y'), false), FsError::NoSpace);
  EXPECT_EQ(fs_->write("a", std::string(950, 'z'), false), FsError::None);  // replaces 900
  EXPECT_EQ(fs_->free_space(), 50u);
}

TEST_P(ModuleFsTest, MissingThingsAndWrongKinds) {
  std::string out;
  EXPECT_EQ(fs_->read("nope", 0, 10, out), FsError::NotFound);
  EXPECT_EQ(fs_->write("nope", "x", false), FsError::NotFound);
  EXPECT_EQ(fs_->create("nodir/file"), FsError::NotFound);
  ASSERT_EQ(fs_->make_dir("d"), FsError::None);
  EXPECT_EQ(fs_->read("d", 0, 10, out), FsError::IsDirectory);
  EXPECT_EQ(fs_->remove("d"), FsError::IsDirectory);
}

INSTANTIATE_TEST_SUITE_P(Backends, ModuleFsTest, ::testing::Values(false, true),
                         [](const auto& info) { return info.param ? "HostFolder" : "Memory"; });

TEST(HostFolderFs, SymlinksPlantedInsideAreNeverFollowed) {
  const auto root =
      std::filesystem::temp_directory_path() / ("cellemu-fs-links-" + std::to_string(::getpid()));
  const auto outside = root / "outside";
  const auto sandbox = root / "sandbox";
  std::filesystem::remove_all(root);
  std::filesystem::create_directories(outside);
  std::filesystem::create_directories(sandbox);
  std::ofstream(outside / "secret") << "host secret";
  std::filesystem::create_symlink(outside / "secret", sandbox / "link.crt");
  std::filesystem::create_directory_symlink(outside, sandbox / "linkdir");
  std::error_code ec;
  auto fs = ModuleFs::host_folder(sandbox.string(), ec);
  ASSERT_TRUE(fs);
  std::string out;
  EXPECT_NE(fs->read("link.crt", 0, 100, out), FsError::None);
  EXPECT_NE(fs->write("link.crt", "pwned", false), FsError::None);
  EXPECT_NE(fs->read("linkdir/secret", 0, 100, out), FsError::None);
  EXPECT_NE(fs->create("linkdir/new"), FsError::None);
  EXPECT_NE(fs->remove("link.crt"), FsError::None);
  EXPECT_FALSE(fs->load("link.crt"));
  std::vector<FsEntry> entries;
  ASSERT_EQ(fs->list("", entries), FsError::None);
  EXPECT_TRUE(entries.empty());
  std::ifstream in(outside / "secret");
  std::string content((std::istreambuf_iterator<char>(in)), {});
  EXPECT_EQ(content, "host secret");
  EXPECT_FALSE(std::filesystem::exists(outside / "new"));
  std::filesystem::remove_all(root);
}

TEST(HostFolderFs, PreloadedFilesAreVisible) {  // --fs-dir with certificates put there by hand
  const auto dir =
      std::filesystem::temp_directory_path() / ("cellemu-fs-preload-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "certs");
  std::ofstream(dir / "certs" / "ca.crt") << "-----BEGIN CERTIFICATE-----";
  std::error_code ec;
  auto fs = ModuleFs::host_folder(dir.string(), ec);
  ASSERT_TRUE(fs);
  EXPECT_EQ(fs->load("C:/certs/ca.crt"), "-----BEGIN CERTIFICATE-----");
  EXPECT_EQ(fs->load("/certs/ca.crt"), "-----BEGIN CERTIFICATE-----");
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace cellemu::fs
