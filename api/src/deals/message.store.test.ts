// The backlog read: windows of ids (seqs are gapless), the last seq from a short window, probing
// only for a full or empty page.
import assert from 'node:assert/strict';
import { Types } from 'mongoose';
import { Message, messageId } from './message.model';
import { appendMessage, messagesAfter } from './message.store';

const stored = (deal: Types.ObjectId, n: number) =>
  Array.from({ length: n }, (_, i) => ({
    _id: messageId(deal, i + 1),
    deal,
    seq: i + 1,
    kind: 'text',
    author: null,
    authorName: '',
    side: null,
    text: `m${i + 1}`,
    data: null,
    clientMsgId: `c${i + 1}`,
    createdAt: new Date(),
  }));

describe('message store: messagesAfter', function () {
  this.timeout(60_000);

  it('pages a room this process never wrote to (windows growing past the first), and answers pages past the end', async () => {
    const deal = new Types.ObjectId();
    await Message.collection.insertMany(stored(deal, 100) as never[]);
    const all = await messagesAfter(deal, 0, 500);
    assert.deepEqual(all.items.map((m) => m.seq), Array.from({ length: 100 }, (_, i) => i + 1));
    assert.deepEqual([all.lastSeq, all.hasMore], [100, false]);
    const middle = await messagesAfter(deal, 10, 20);
    assert.deepEqual(middle.items.map((m) => m.seq), Array.from({ length: 20 }, (_, i) => i + 11));
    assert.deepEqual([middle.lastSeq, middle.hasMore], [100, true]);
    const tail = await messagesAfter(deal, 90, 10);
    assert.deepEqual([tail.items.length, tail.lastSeq, tail.hasMore], [10, 100, false]);
    const past = await messagesAfter(deal, 150, 10);
    assert.deepEqual([past.items.length, past.lastSeq, past.hasMore], [0, 100, false]);
    const empty = await messagesAfter(new Types.ObjectId(), 0, 50);
    assert.deepEqual([empty.items.length, empty.lastSeq, empty.hasMore], [0, 0, false]);
  });

  it('sees messages appended after an earlier read', async () => {
    const deal = new Types.ObjectId();
    await Message.collection.insertMany(stored(deal, 3) as never[]);
    assert.equal((await messagesAfter(deal, 0, 50)).lastSeq, 3);
    const { message } = await appendMessage({ deal, kind: 'text', author: null, authorName: '', side: null, text: 'next', clientMsgId: 'n1' });
    assert.equal(message.seq, 4);
    const page = await messagesAfter(deal, 2, 50);
    assert.deepEqual([page.items.map((m) => m.text), page.lastSeq, page.hasMore], [['m3', 'next'], 4, false]);
  });
});
