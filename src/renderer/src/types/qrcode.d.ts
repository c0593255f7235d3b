/**
 * The part of qrcode's browser build the renderer uses. tsconfig.web.json maps `qrcode` here:
 * @types/qrcode references Node's types (for its file and stream writers), which would give the
 * whole renderer project Node globals such as `process` and `Buffer`.
 */
declare const QRCode: {
  toString(
    text: string,
    options: {
      readonly type: 'svg';
      readonly margin?: number;
      readonly errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H';
      readonly color?: { readonly dark?: string; readonly light?: string };
    },
  ): Promise<string>;
};

export default QRCode;
