package org.copkit.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.copkit.ObjectType;
import org.copkit.Page;
import org.copkit.PageRequest;
import org.copkit.Ref;
import org.copkit.conversation.Vote;
import org.copkit.conversation.VoteValue;
import org.copkit.member.MemberId;
import org.copkit.spi.Repositories;

/**
 * Table {@code votes}, keyed by target and voter. Not versioned and not in the change feed (the score
 * lives on the voted conversation or post). {@link #put} updates the row or inserts it; two
 * transactions inserting the same voter's first vote at once: the second gets a
 * {@link org.copkit.ConflictException} from the primary key.
 */
final class VotesRepo implements Repositories.Votes {
    private final JdbcTransaction tx;
    private final Db db;
    private final String table;

    VotesRepo(JdbcTransaction tx) {
        this.tx = tx;
        this.db = tx.db();
        this.table = db.schema.t("votes");
    }

    private static final Db.Mapper<Vote> MAPPER = r -> new Vote(
            new Ref(ObjectType.valueOf(r.text("target_type")), r.text("target_id")), MemberId.of(r.text("voter_id")),
            r.enumValue("vote_value", VoteValue.class), r.instant("voted_at"));

    @Override
    public Optional<Vote> find(Ref target, MemberId voter) {
        return db.one("SELECT * FROM " + table + " WHERE target_type = ? AND target_id = ? AND voter_id = ?", MAPPER,
                target.type().name(), target.id(), voter.value());
    }

    @Override
    public void put(Vote vote) {
        tx.checkWritable();
        int rows = db.update("UPDATE " + table + " SET vote_value = ?, voted_at = ?"
                + " WHERE target_type = ? AND target_id = ? AND voter_id = ?", vote.value(), vote.at(),
                vote.target().type().name(), vote.target().id(), vote.voter().value());
        if (rows == 0) {
            db.update("INSERT INTO " + table + " (target_type, target_id, voter_id, vote_value, voted_at)"
                    + " VALUES (?, ?, ?, ?, ?)", vote.target().type().name(), vote.target().id(), vote.voter().value(),
                    vote.value(), vote.at());
        }
    }

    @Override
    public void remove(Ref target, MemberId voter) {
        tx.checkWritable();
        db.later("votes", "DELETE FROM " + table + " WHERE target_type = ? AND target_id = ? AND voter_id = ?", null,
                Db.ANY_ROWS,
                target.type().name(), target.id(), voter.value());
    }

    @Override
    public Page<Vote> listByTarget(Ref target, PageRequest page) {
        List<Object> args = new ArrayList<>(List.of(target.type().name(), target.id()));
        String where = "target_type = ? AND target_id = ?";
        if (page.after().isPresent()) {
            where += " AND voter_id > ?";
            args.add(page.after().get());
        }
        return Paging.page(db.query("SELECT * FROM " + table + " WHERE " + where + " ORDER BY voter_id LIMIT "
                + (page.limit() + 1), MAPPER, args.toArray()), v -> v.voter().value(), page);
    }
}
