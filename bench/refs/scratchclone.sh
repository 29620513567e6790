# Sourced by the scripts of bench/refs. build REV OUT builds the handbook
# binary of commit REV as "$work/OUT" (from "$src", in a worktree removed
# after). clone() makes a scratch clone of
# "$repo" at "$pin" in the folder it is given. A mirror may lack the blobs
# of a few large files (polar's brand zip and a video; a PDF and two images
# of Mintlify's docs): those are left out of the working tree
# (skip-worktree), as in the clone they came from.
clone() {
  git clone -q --no-checkout "$repo" "$1"
  git -C "$1" read-tree "$pin"
  git -C "$1" update-ref --no-deref HEAD "$pin"
  git -C "$1" ls-tree -r "$pin" | awk '$2 == "blob" {print $3}' |
    git -C "$1" cat-file --batch-check='%(objectname) %(objecttype)' 2>/dev/null |
    awk '$2 == "missing" {print $1}' > "$1/.git/missing-blobs"
  if [ -s "$1/.git/missing-blobs" ]; then
    git -C "$1" ls-tree -r "$pin" | grep -F -f "$1/.git/missing-blobs" | cut -f2- |
      xargs -r -d '\n' git -C "$1" update-index --skip-worktree --
  fi
  git -C "$1" checkout-index -a -f
}

build() {
  git -C "$src" worktree add -q --detach "$work/src-$2" "$1"
  (cd "$work/src-$2" && go build -o "$work/$2" ./cmd/handbook)
  git -C "$src" worktree remove --force "$work/src-$2"
}
