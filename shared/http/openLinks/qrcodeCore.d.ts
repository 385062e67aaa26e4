// qrcode's encoder alone, without the package entry's PNG, canvas and terminal renderers (and pngjs):
// the poster draws its own SVG from the modules. Typed as the package's own `create`.
declare module 'qrcode/lib/core/qrcode' {
  export { create } from 'qrcode';
}
