/** The web UI's temporary chats (`local`, `local:<id>`): never stored. */
export const isTemporaryChat = (chatId: string) => chatId === 'local' || chatId.startsWith('local:');
