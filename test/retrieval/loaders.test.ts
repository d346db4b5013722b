// Text extraction in worker threads: every built-in format from a document built in the test,
// the refusals (images, legacy Office, binary junk, corrupt files, zip bombs), and a worker that
// dies or overruns its time being replaced without losing the next call.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { strToU8, zipSync } from 'fflate';
import { Extractor, UnsupportedFileError, type SplitterSettings } from '../../src/retrieval/loaders/index.ts';
import { loaderFor } from '../../src/retrieval/loaders/choose.ts';
import { splitterFrom } from '../../src/retrieval/split/index.ts';
import { docx, epub, odt, pptx, slideXml, xlsx } from './support/office.ts';
import { pdf } from './support/pdf.ts';
import { bigCsv, utf8 } from './support/text.ts';

const extractor = new Extractor({ threads: 2, maxUnzippedBytes: 10 * 1024 * 1024, maxZipEntries: 50 });
after(() => extractor.close());

const text = async (filename: string, bytes: Uint8Array, contentType?: string) => (await extractor.extract({ bytes, filename, contentType })).content;

describe('formats', () => {
  it('PDF: each page a document, the content the pages joined by a space', async () => {
    const extracted = await extractor.extract({ bytes: pdf(['Hello page one', 'Second (page) here', '']), filename: 'report.pdf' });
    assert.deepEqual(extracted.documents, ['Hello page one', 'Second (page) here', '']);
    assert.equal(extracted.content, 'Hello page one Second (page) here ');
  });

  it('DOCX: paragraphs separated by blank lines', async () => {
    assert.equal(await text('letter.docx', docx(['Dear reader,', 'Fish & chips <today>.'])), 'Dear reader,\n\nFish & chips <today>.');
  });

  it('XLSX: every sheet under its name, one line per row, cells separated by tabs', async () => {
    const bytes = xlsx({ People: [['name', 'age'], ['Ann', 31], ['Bob & co', 4.5]], Notes: [['only', '', 'cell']] });
    assert.equal(await text('book.xlsx', bytes), 'People\nname\tage\nAnn\t31\nBob & co\t4.5\n\nNotes\nonly\t\tcell');
  });

  it('PPTX: slides in presentation order, one line per paragraph', async () => {
    // The first slide shown lives in slide2.xml: the presentation's list wins over file names.
    const bytes = pptx([['Quarterly results', 'Revenue up 3%'], ['Questions?']], [2, 1]);
    assert.equal(await text('deck.pptx', bytes), 'Quarterly results\nRevenue up 3%\n\nQuestions?');
  });

  it('PPTX without a slide list: slides in numeric file order, not name order', async () => {
    const bytes = zipSync({ 'ppt/slides/slide10.xml': strToU8(slideXml(['Ten'])), 'ppt/slides/slide2.xml': strToU8(slideXml(['Two\nlines'])) });
    assert.equal(await text('loose.pptx', bytes), 'Two\nlines\n\nTen');
  });

  it('ODT: headings and paragraphs, with encoded spaces and tabs written out', async () => {
    const body = '<text:h text:outline-level="1">Title</text:h><text:p>A<text:s text:c="3"/>B<text:tab/>C &amp; D</text:p><text:p/><text:list><text:list-item><text:p>item <text:span>one</text:span></text:p></text:list-item></text:list>';
    assert.equal(await text('essay.odt', odt(body)), 'Title\nA   B\tC & D\nitem one');
  });

  it('EPUB: chapters in spine order, without their <title>', async () => {
    const bytes = epub([['Chapter 1', '<h1>One</h1><p>It was a &#8220;dark&#8221; night.</p>'], ['Chapter 2', '<p>Two</p><script>alert(1)</script>']]);
    assert.equal(await text('book.epub', bytes), 'One\nIt was a “dark” night.\n\nTwo');
  });

  it('HTML: visible text, one line per block, no script, style, noscript or template', async () => {
    const html = '<!DOCTYPE html><html><head><title>Page</title><style>p{}</style><script>var x = 1;</script></head><body><h1>Hello &amp; welcome</h1><p>Some <b>bold</b> text.</p><noscript>enable js</noscript><template>t</template><ul><li>a</li><li>b</li></ul></body></html>';
    assert.equal(await text('page.html', utf8(html)), 'Page\nHello & welcome\nSome bold text.\na\nb');
    assert.equal(await text('page.htm', utf8('<p>short</p>')), 'short');
  });

  it('XML: the text of every element, one per line', async () => {
    const xml = '<?xml version="1.0"?>\n<!-- note --><catalog><book id="1"><title>Dune &amp; more</title><year>1965</year></book><raw><![CDATA[<kept>]]></raw></catalog>';
    assert.equal(await text('data.xml', utf8(xml)), 'Dune & more\n1965\n<kept>');
  });

  it('CSV: one document per row of "column: value" lines, as Open WebUI\'s CSVLoader', async () => {
    const extracted = await extractor.extract({ bytes: utf8('\uFEFFname, age\n"Smith, J", 40\n\nBob\nAl,1,x, y\n'), filename: 'people.csv' });
    assert.deepEqual(extracted.documents, ['name: Smith, J\nage: 40', 'name: Bob\nage: ', 'name: Al\nage: 1\nx,y']);
    assert.equal(extracted.content, 'name: Smith, J\nage: 40 name: Bob\nage:  name: Al\nage: 1\nx,y');
  });

  it('plain text, markdown, code and unknown types: UTF-8 without its BOM', async () => {
    assert.equal(await text('notes.md', utf8('\uFEFF# Title\n\nBody ✓')), '# Title\n\nBody ✓');
    assert.equal(await text('main.py', utf8('print("hi")\n')), 'print("hi")\n');
    assert.equal(await text('data', utf8('{"a": 1}'), 'application/octet-stream'), '{"a": 1}');
  });

  it('text that is not UTF-8: UTF-16 by its byte-order mark, else Windows-1252', async () => {
    const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(new Uint16Array([...'héllo'].map((c) => c.charCodeAt(0))).buffer)]);
    assert.equal(await text('wide.txt', utf16), 'héllo');
    assert.equal(await text('legacy.txt', new Uint8Array([0x93, 0x63, 0x61, 0x66, 0xe9, 0x94, 0x20, 0x80, 0x9f])), '“café” €Ÿ');
  });

  it('NUL characters and lone surrogates are removed', async () => {
    assert.equal(await text('late-nul.txt', utf8(`${'a'.repeat(9000)}\0b`)), `${'a'.repeat(9000)}b`);
    assert.equal(await text('odd.xml', utf8('<a>x&#xD800;y&#0;z</a>')), 'xyz');
  });

  it('an empty file has empty content, whatever its type', async () => {
    for (const filename of ['empty.pdf', 'empty.docx', 'empty.txt']) {
      assert.deepEqual(await extractor.extract({ bytes: new Uint8Array(0), filename }), { content: '', documents: [] });
    }
  });
});

describe('loader choice', () => {
  it('a known extension first, then the content type, then plain text', () => {
    assert.equal(loaderFor('REPORT.PDF'), 'pdf');
    assert.equal(loaderFor('report', 'application/pdf'), 'pdf');
    assert.equal(loaderFor('notes.txt', 'application/pdf'), 'text');
    assert.equal(loaderFor('page', 'text/html; charset=utf-8'), 'html');
    assert.equal(loaderFor('x.constructor'), 'text');
    // As in Open WebUI, the content type refuses media first: browsers send .ts files as video/mp2t.
    assert.throws(() => loaderFor('script.ts', 'video/mp2t'), UnsupportedFileError);
  });
});

describe('refusals', () => {
  it('images and videos are not processed, with Open WebUI\'s message', async () => {
    await assert.rejects(extractor.extract({ bytes: new Uint8Array([0x89, 0x50]), filename: 'photo.png', contentType: 'image/png' }), (error) => {
      assert.ok(error instanceof UnsupportedFileError);
      assert.equal(error.message, 'File type image/png is not supported for processing');
      return true;
    });
    await assert.rejects(extractor.extract({ bytes: utf8('x'), filename: 'clip.txt', contentType: 'video/mp4' }), UnsupportedFileError);
  });

  it('legacy binary Office files are refused with the format to save as', async () => {
    await assert.rejects(extractor.extract({ bytes: utf8('x'), filename: 'old.xls' }), { name: 'UnsupportedFileError', message: /XLS \(Excel 97-2003\).*\.xlsx/ });
    await assert.rejects(extractor.extract({ bytes: utf8('x'), filename: 'old', contentType: 'application/msword' }), { message: /DOC \(Word 97-2003\)/ });
  });

  it('a binary file of unknown type is not text', async () => {
    await assert.rejects(extractor.extract({ bytes: new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2]), filename: 'program' }), {
      message: 'Could not extract text: the file is not text',
    });
  });

  it('corrupt documents are rejected with what went wrong', async () => {
    await assert.rejects(extractor.extract({ bytes: utf8('%PDF-1.4 this is not a pdf'), filename: 'bad.pdf' }), { message: /^Could not read the PDF file: Invalid PDF structure/ });
    await assert.rejects(extractor.extract({ bytes: utf8('not a zip at all'), filename: 'bad.docx' }), { message: /^Could not read the DOCX file: it is not a valid zip archive/ });
    const noDocument = () => zipSync({ 'hello.txt': utf8('hi') });
    await assert.rejects(extractor.extract({ bytes: noDocument(), filename: 'empty.docx' }), { message: /^Could not read the DOCX file: .+/ });
    await assert.rejects(extractor.extract({ bytes: noDocument(), filename: 'empty.xlsx' }), { message: /^Could not read the XLSX file: .+/ });
    await assert.rejects(extractor.extract({ bytes: noDocument(), filename: 'empty.odt' }), { message: 'Could not read the ODT file: content.xml is missing' });
    await assert.rejects(extractor.extract({ bytes: noDocument(), filename: 'empty.epub' }), { message: /^Could not read the EPUB file: the container/ });
  });

  it('a zip bomb is refused before it is inflated', async () => {
    // 20 MB of zeros deflates to about 20 KB; the limit here is 10 MB.
    const bomb = zipSync({ 'word/document.xml': new Uint8Array(20 * 1024 * 1024) }, { level: 9 });
    assert.ok(bomb.length < 100_000);
    for (const filename of ['bomb.docx', 'bomb.xlsx', 'bomb.pptx', 'bomb.odt', 'bomb.epub']) {
      await assert.rejects(extractor.extract({ bytes: bomb.slice(), filename }), { message: /^Archive too large to extract: 20971520 bytes/ });
    }
    const many = zipSync(Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`f${i}.xml`, utf8('<a/>')])));
    await assert.rejects(extractor.extract({ bytes: many, filename: 'many.pptx' }), { message: /^Archive too large to extract: 51 entries/ });
  });
});

describe('the worker pool', () => {
  it('moves a buffer it owns to the worker instead of copying it, and copies a view into a larger one', async () => {
    const owned = utf8('moved');
    assert.equal(await text('a.txt', owned), 'moved');
    assert.equal(owned.byteLength, 0);
    const whole = utf8('xx shared xx');
    const view = whole.subarray(3, 9);
    assert.equal(await text('b.txt', view), 'shared');
    assert.equal(whole.byteLength, 12);
  });

  it('splits text as the in-process splitter does, for each kind', async () => {
    const input = '# Heading\n\nSome words that make the text longer than twenty.\n\n## Sub\n\nMore text here, and more.';
    for (const kind of ['character', 'token', 'markdown_header']) {
      const settings: SplitterSettings = { kind, size: 20, overlap: 5, encoding: 'cl100k_base' };
      assert.deepEqual(await extractor.split(input, settings), splitterFrom(settings).split(input));
    }
    await assert.rejects(extractor.split('x', { kind: 'token', size: 20, overlap: 0, encoding: 'gpt2' }), { message: /TIKTOKEN_ENCODING_NAME gpt2 is not supported/ });
  });

  it('runs jobs beyond its thread count in turn', async () => {
    const results = await Promise.all(Array.from({ length: 7 }, (_, i) => text(`${i}.txt`, utf8(`file ${i}`))));
    assert.deepEqual(results, Array.from({ length: 7 }, (_, i) => `file ${i}`));
  });

  it('a worker out of memory rejects its call and is replaced', async () => {
    const small = new Extractor({ threads: 1, memoryLimitMb: 32 });
    try {
      await assert.rejects(small.extract({ bytes: bigCsv(200_000), filename: 'big.csv' }), { message: /^The extraction worker failed: .*memory/ });
      assert.equal((await small.extract({ bytes: utf8('still here'), filename: 'after.txt' })).content, 'still here');
    } finally {
      await small.close();
    }
  });

  it('a job over its time limit is stopped and its worker replaced', async () => {
    const hasty = new Extractor({ threads: 1, timeoutMs: 100 });
    try {
      await hasty.extract({ bytes: utf8('warm'), filename: 'warm.txt' }); // start-up is not part of a job's time
      await assert.rejects(hasty.extract({ bytes: bigCsv(100_000), filename: 'big.csv' }), { message: 'Extraction timed out after 0.1 s' });
      assert.equal((await hasty.extract({ bytes: utf8('next one'), filename: 'after.txt' })).content, 'next one');
    } finally {
      await hasty.close();
    }
  });

  it('a file whose buffer is moved away while it waits fails alone', async () => {
    const single = new Extractor({ threads: 1 });
    try {
      const first = single.extract({ bytes: bigCsv(20_000), filename: 'first.csv' });
      const bytes = utf8('moved away');
      const second = single.extract({ bytes, filename: 'second.txt' });
      structuredClone(bytes.buffer, { transfer: [bytes.buffer] });
      await assert.rejects(second, { message: /^The extraction worker could not read the job/ });
      assert.equal((await first).documents.length, 20_000);
      assert.equal((await single.extract({ bytes: utf8('third'), filename: 'third.txt' })).content, 'third');
    } finally {
      await single.close();
    }
  });

  it('close rejects the running call, the waiting ones and every later one', async () => {
    const closing = new Extractor({ threads: 1 });
    await closing.extract({ bytes: utf8('warm'), filename: 'warm.txt' }); // so the next call runs at once
    const running = assert.rejects(closing.extract({ bytes: bigCsv(50_000), filename: 'big.csv' }), { message: 'The extractor is closed' });
    const waiting = assert.rejects(closing.extract({ bytes: utf8('queued'), filename: 'q.txt' }), { message: 'The extractor is closed' });
    await closing.close();
    await Promise.all([running, waiting]);
    await assert.rejects(closing.extract({ bytes: utf8('late'), filename: 'late.txt' }), { message: 'The extractor is closed' });
  });
});
