// The one error a caller tells apart: a file this server will not extract text from at all
// (Open WebUI answers these without trying). Every other failure is a plain Error whose message
// says what went wrong with the file.
export class UnsupportedFileError extends Error {
  override name = 'UnsupportedFileError';
}
