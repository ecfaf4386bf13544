"""The sealed ballot box's cryptography, without a database: keys, shares, votes, trackers."""

import base64
import hashlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from groundwork.democracy import ballot_box
from groundwork.democracy.ballot_box import BoxError


def tellers(count: int) -> tuple[list[str], list[bytes]]:
    codes, keys = zip(*(ballot_box.new_teller_code() for _ in range(count)), strict=True)
    return list(codes), list(keys)


def open_with(box: ballot_box.NewBox, codes: list[str], numbers: list[int]):
    sealed = dict(box.sealed_shares)
    shares = [ballot_box.open_share(sealed[n], codes[n - 1]) for n in numbers]
    return ballot_box.rebuild_box_key(shares, box.public_key)


def test_any_two_of_three_tellers_open_the_box_and_one_alone_cannot():
    codes, keys = tellers(3)
    box = ballot_box.new_box(keys, needed=2)
    ciphertext = ballot_box.seal_vote(b"a vote", box.public_key)
    for pair in ([1, 2], [1, 3], [2, 3], [3, 1]):
        assert ballot_box.open_votes([ciphertext], open_with(box, codes, pair)) == [b"a vote"]
    for alone in ([1], [2], [3]):
        with pytest.raises(BoxError) as refused:
            open_with(box, codes, alone)
        assert refused.value.code == "wrong_shares"


def test_a_share_opens_only_with_its_own_tellers_code():
    codes, keys = tellers(2)
    box = ballot_box.new_box(keys, needed=2)
    first = dict(box.sealed_shares)[1]
    with pytest.raises(BoxError) as refused:
        ballot_box.open_share(first, codes[1])
    assert refused.value.code == "wrong_key"


def test_a_mistyped_teller_code_is_told_and_case_and_dashes_do_not_matter():
    code, public_key = ballot_box.new_teller_code()
    assert len(code) == 39 and code.count("-") == 7
    assert ballot_box.teller_public_key(code.lower().replace("-", " ")) == public_key
    wrong = code[:-1] + ("A" if code[-1] != "A" else "B")
    with pytest.raises(BoxError) as refused:
        ballot_box.teller_public_key(wrong)
    assert refused.value.code == "mistyped"
    with pytest.raises(BoxError):
        ballot_box.teller_public_key("not a key at all")


def test_one_teller_alone_is_allowed_and_more_needed_than_named_is_not():
    codes, keys = tellers(1)
    box = ballot_box.new_box(keys, needed=1)
    assert open_with(box, codes, [1]).public_key.encode() == box.public_key
    with pytest.raises(BoxError):
        ballot_box.new_box(keys, needed=2)


def test_a_given_share_waits_under_the_servers_key_and_no_other():
    held = ballot_box.hold_given_share(b"\x01share", b"server secret")
    assert b"share" not in held
    assert ballot_box.release_given_share(held, b"server secret") == b"\x01share"
    with pytest.raises(BoxError) as refused:
        ballot_box.release_given_share(held, b"another secret")
    assert refused.value.code == "server_key"


def test_every_sealed_vote_of_a_ballot_has_the_same_length_whatever_it_says():
    _codes, keys = tellers(1)
    box = ballot_box.new_box(keys, needed=1)
    votes: list[dict] = [
        {"ranking": [3]},
        {"ranking": [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]},
        {"ranking": []},
    ]
    sealed = [
        ballot_box.seal_vote(ballot_box.encode_vote(v, weight=1, options=12), box.public_key)
        for v in votes
    ]
    assert len({len(c) for c in sealed}) == 1
    majority = [
        ballot_box.seal_vote(
            ballot_box.encode_vote({"choice": c}, weight=1, options=0), box.public_key
        )
        for c in ("yes", "no", "abstain")
    ]
    assert len({len(c) for c in majority}) == 1


def test_the_same_vote_sealed_twice_looks_different():
    _codes, keys = tellers(1)
    box = ballot_box.new_box(keys, needed=1)
    plain = ballot_box.encode_vote({"choice": "yes"}, weight=1, options=0)
    first, second = (ballot_box.seal_vote(plain, box.public_key) for _ in range(2))
    assert first != second and ballot_box.tracker(first) != ballot_box.tracker(second)


@given(
    options=st.integers(min_value=1, max_value=40),
    weight=st.integers(min_value=1, max_value=2**32 - 1),
    data=st.data(),
)
def test_a_ranking_or_approval_comes_back_exactly_as_encoded(options, weight, data):
    chosen = data.draw(st.permutations(range(options)))[: data.draw(st.integers(0, options))]
    key = data.draw(st.sampled_from(["ranking", "approved"]))
    plain = ballot_box.encode_vote({key: chosen}, weight=weight, options=options)
    assert len(plain) == ballot_box.vote_length(options)
    content, back = ballot_box.decode_vote(plain, method_is_majority=False, key=key)
    assert content == {key: chosen} and back == weight


@pytest.mark.parametrize("choice", ["yes", "no", "abstain"])
def test_a_majority_vote_comes_back_as_cast(choice):
    plain = ballot_box.encode_vote({"choice": choice}, weight=7, options=0)
    assert ballot_box.decode_vote(plain, method_is_majority=True, key="ranking") == (
        {"choice": choice},
        7,
    )


def test_a_tracker_is_the_sha256_of_the_sealed_vote_that_anyone_can_recompute():
    ciphertext = b"\x00\x01 some sealed bytes"
    digest = base64.b32encode(hashlib.sha256(ciphertext).digest()[:20]).decode()
    assert ballot_box.tracker(ciphertext).replace("-", "") == digest


def test_a_vote_sealed_to_another_box_is_refused_at_the_count():
    codes, keys = tellers(1)
    box, other = ballot_box.new_box(keys, needed=1), ballot_box.new_box(keys, needed=1)
    stray = ballot_box.seal_vote(b"x", other.public_key)
    with pytest.raises(BoxError) as refused:
        ballot_box.open_votes([stray], open_with(box, codes, [1]))
    assert refused.value.code == "wrong_box"
