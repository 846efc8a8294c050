// Documents inserted as SQL into FerretDB's table must be stored exactly as FerretDB stores them
// (FerretDB and the SQL reads answer the same), and refused by the same unique indexes.
import assert from 'node:assert/strict';
import mongoose, { Types } from 'mongoose';
import { insertUnordered, storeInfo } from './store';
import { collectionTables } from './pg-companions';
import { encodeStored, UnsupportedStoredType } from './sjson';
import { ferretFindOne } from './pg-point-reads';
import { Message, messageId } from '../deals/message.model';
import pg from 'pg';

async function storedForm(collection: string, id: unknown): Promise<Record<string, unknown>> {
  const client = new pg.Client(storeInfo().pgUrl);
  await client.connect();
  try {
    const db = mongoose.connection.db!.databaseName;
    const table = (await collectionTables(client, db)).get(collection)!;
    const res = await client.query<{ doc: Record<string, unknown> }>(`SELECT _jsonb AS doc FROM "${db}"."${table}" WHERE _jsonb -> '_id' = $1::jsonb`, [JSON.stringify(id)]);
    return res.rows[0]!.doc;
  } finally {
    await client.end();
  }
}

const message = (deal: Types.ObjectId, seq: number, extra: Record<string, unknown> = {}) => ({
  _id: messageId(deal, seq),
  deal,
  seq,
  kind: 'text',
  author: new Types.ObjectId(),
  authorName: '张三 "q" \\ \n',
  side: 'buyer',
  text: `消息 ${seq}`,
  data: null,
  clientMsgId: `c-${seq}`,
  createdAt: new Date(),
  ...extra,
});

describe('store: inserts as SQL on FerretDB\'s PostgreSQL backend', function () {
  this.timeout(60_000);
  before(function () {
    if (!storeInfo().pgUrl) this.skip();
  });

  it('stores a document exactly as FerretDB stores it (nested data, every plain type)', async () => {
    const deal = new Types.ObjectId();
    const data = { action: 'offer.created', version: 3, price: 1.5, big: 2 ** 40, neg: -7, nested: { a: [1, 'x', null, true, {}, { b: [] }] }, when: new Date(0), empty: {}, list: [], ids: [new Types.ObjectId()] };
    const viaFerret = message(deal, 1, { kind: 'system', author: null, side: null, data });
    const viaSql = message(deal, 2, { kind: 'system', author: null, side: null, data, createdAt: viaFerret.createdAt, authorName: viaFerret.authorName });
    await Message.collection.insertOne(viaFerret as never);
    assert.deepEqual(await insertUnordered(Message as never, [viaSql]), ['stored']);
    const [a, b] = [await storedForm('messages', viaFerret._id), await storedForm('messages', viaSql._id)];
    const strip = (d: Record<string, unknown>) => ({ ...d, _id: null, seq: null, text: null, clientMsgId: null });
    assert.deepEqual(strip(b), strip(a));
    assert.deepEqual(b.$s, a.$s, 'the same type schema, field order included');
    // FerretDB reads it back as it reads its own.
    const back = (await ferretFindOne(Message.collection, { _id: viaSql._id })) as Record<string, unknown>;
    const own = (await ferretFindOne(Message.collection, { _id: viaFerret._id })) as Record<string, unknown>;
    assert.deepEqual({ ...back, _id: 0, seq: 0, text: 0, clientMsgId: 0 }, { ...own, _id: 0, seq: 0, text: 0, clientMsgId: 0 });
    assert.deepEqual(Object.keys(back), Object.keys(own));
  });

  it('reports each document refused by a unique index as a duplicate, the others stored', async () => {
    const deal = new Types.ObjectId();
    assert.deepEqual(await insertUnordered(Message as never, [message(deal, 1), message(deal, 2)]), ['stored', 'stored']);
    const outcomes = await insertUnordered(Message as never, [
      message(deal, 2, { clientMsgId: 'other' }), // _id (and deal+seq) taken
      message(deal, 3, { clientMsgId: 'c-1' }), // deal+clientMsgId taken
      message(deal, 4),
      message(deal, 5, { clientMsgId: 'c-4' }), // taken by the one before, in the same statement
    ]);
    assert.deepEqual(outcomes, ['stored', 'stored', 'stored', 'stored'].map((o, i) => (i === 2 ? o : 'duplicate')));
    assert.equal(await Message.countDocuments({ deal }), 3);
    assert.equal((await Message.findById(messageId(deal, 2)).lean())!.clientMsgId, 'c-2');
  });

  it('leaves what has no plain stored form to FerretDB', async () => {
    for (const bad of [{ x: undefined }, { x: Number.NaN }, { x: -0 }, { x: 'a\u0000b' }, { x: 'lone \ud800' }, { $x: 1 }, { x: new Map() }, { x: [[1]] }, { 'a.b': 1 }])
      assert.throws(() => encodeStored({ _id: 'a', ...bad }), UnsupportedStoredType, JSON.stringify(Object.keys(bad)));
    assert.throws(() => encodeStored({ a: 1, _id: 'a' }), UnsupportedStoredType, '_id not first');
    assert.throws(() => encodeStored({ a: 1 }), UnsupportedStoredType, 'no _id');
    const deal = new Types.ObjectId();
    // Through FerretDB (the driver's BSON stores undefined as null).
    assert.deepEqual(await insertUnordered(Message as never, [message(deal, 1, { data: { x: undefined } })]), ['stored']);
    assert.deepEqual((await Message.findById(messageId(deal, 1)).lean())!.data, { x: null });
  });
});
