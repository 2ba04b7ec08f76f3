/**
 * A tile map of Japan: one square per prefecture on a 13 × 12 grid, laid out
 * so neighbours stay neighbours (Hokkaidō top right, Okinawa bottom left).
 * Tiles never overlap and every prefecture has room for its site markers,
 * which keeps the map legible with ~60 sites where a drawn map would not.
 */
import { PREFECTURES, type Prefecture } from '../../schema/primitives.ts';

/** [row, column], 1-based for CSS grid. Indexed by JIS X 0401 order. */
const TILE: Record<Prefecture, [number, number]> = {
  北海道: [1, 13],
  青森県: [2, 13],
  秋田県: [3, 12],
  岩手県: [3, 13],
  山形県: [4, 12],
  宮城県: [4, 13],
  石川県: [5, 10],
  富山県: [5, 11],
  新潟県: [5, 12],
  福島県: [5, 13],
  福井県: [6, 9],
  岐阜県: [6, 10],
  長野県: [6, 11],
  群馬県: [6, 12],
  栃木県: [6, 13],
  島根県: [7, 4],
  鳥取県: [7, 5],
  兵庫県: [7, 6],
  京都府: [7, 7],
  滋賀県: [7, 8],
  愛知県: [7, 10],
  山梨県: [7, 11],
  埼玉県: [7, 12],
  茨城県: [7, 13],
  山口県: [8, 3],
  広島県: [8, 4],
  岡山県: [8, 5],
  大阪府: [8, 6],
  奈良県: [8, 7],
  三重県: [8, 8],
  静岡県: [8, 11],
  東京都: [8, 12],
  千葉県: [8, 13],
  佐賀県: [9, 1],
  福岡県: [9, 2],
  愛媛県: [9, 4],
  香川県: [9, 5],
  和歌山県: [9, 7],
  神奈川県: [9, 12],
  長崎県: [10, 1],
  熊本県: [10, 2],
  大分県: [10, 3],
  高知県: [10, 4],
  徳島県: [10, 5],
  鹿児島県: [11, 2],
  宮崎県: [11, 3],
  沖縄県: [12, 1],
};

export interface Tile<T> {
  code: number;
  name: Prefecture;
  /** Name without 都/府/県, as maps print it. */
  short: string;
  row: number;
  col: number;
  sites: T[];
}

export function tiles<T>(sitesOf: (p: Prefecture) => T[]): Tile<T>[] {
  return PREFECTURES.map((name, i) => {
    const [row, col] = TILE[name];
    return { code: i + 1, name, short: name === '北海道' ? name : name.replace(/[都府県]$/u, ''), row, col, sites: sitesOf(name) };
  });
}
