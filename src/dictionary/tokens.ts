import type kuromoji from 'kuromoji';

/** kuromoji's token, with its own field names (表層形 surface_form, 基本形 basic_form, 読み reading). */
export type KuromojiToken = kuromoji.IpadicFeatures;

export interface Tokenizer {
  tokenize(text: string): KuromojiToken[];
}
