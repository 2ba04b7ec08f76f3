/**
 * pptxgenjs' types under the names this folder uses. Its typings are CommonJS (a class merged
 * with a namespace, `export default`), which NodeNext only reaches through a namespace import.
 * Types only: nothing here loads pptxgenjs.
 */
import type * as Mod from 'pptxgenjs';

export type Pptx = Mod.default;
export type Slide = Mod.default.Slide;
export type TextProps = Mod.default.TextProps;
export type TextPropsOptions = Mod.default.TextPropsOptions;
export type ShapeProps = Mod.default.ShapeProps;
export type ShapeName = Mod.default.SHAPE_NAME;
export type BorderProps = Mod.default.BorderProps;
export type TableRow = Mod.default.TableRow;
export type TableCell = Mod.default.TableCell;
export type TableCellProps = Mod.default.TableCellProps;
export type SlideMasterProps = Mod.default.SlideMasterProps;
export type SlideNumberProps = Mod.default.SlideNumberProps;
