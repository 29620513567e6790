export class BookmarkFolders {
    setup() {
        this.bookmarkFolderList = this.$refs.bookmarkFolderList;
    }
}
