package main

import (
	"bytes"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/toyvoice/toyvoice/envelope"
)

func init() {
	register(&command{
		name:    "keygen",
		args:    "-o NAME",
		summary: "make a key pair for sealed messages: NAME.key (private, mode 0600) and NAME.pub",
		run:     runKeygen,
	})
	register(&command{
		name:    "seal",
		args:    "--to PUB[,PUB…] --from KEY [--codec NAME] [--rate HZ] [--chunk BYTES] IN OUT",
		summary: "seal a voice message to recipients' public keys, signed with your key",
		run:     runSeal,
	})
	register(&command{
		name:    "open",
		args:    "--key KEY --trust PUB[,PUB…] [--seen FILE] IN OUT",
		summary: "check and open a sealed message from a trusted sender (writes nothing on rejection)",
		run:     runOpen,
	})
	registerDemoStage(demoStage{order: 90, name: "seal", run: demoSeal})
}

func runKeygen(e *env, args []string) error {
	fs := flag.NewFlagSet("keygen", flag.ContinueOnError)
	out := fs.String("o", "", "output name: writes NAME.key and NAME.pub")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	if *out == "" {
		return usagef("-o NAME is required")
	}
	k, err := envelope.GenerateKey(rand.Reader)
	if err != nil {
		return err
	}
	defer k.Destroy()
	pub := k.Public()
	created := time.Now().UTC().Format(time.RFC3339)
	comment := fmt.Sprintf("# toyvoice key %s, created %s\n# recipient id %s, sender id %s\n",
		filepath.Base(*out), created, pub.RecipientID(), pub.SenderID())
	keyText := append([]byte(comment+"# PRIVATE: keep on this device only; deleting every copy makes messages sealed to it unreadable\n"), k.AppendText(nil)...)
	keyText = append(keyText, '\n')
	pubText := []byte(comment + pub.String() + "\n")
	keyPath, pubPath := *out+".key", *out+".pub"
	if err := writeNew(keyPath, keyText, 0o600); err != nil {
		return err
	}
	clear(keyText)
	if err := writeNew(pubPath, pubText, 0o644); err != nil {
		os.Remove(keyPath)
		return err
	}
	fmt.Fprintf(e.stdout, "wrote %s (private, mode 0600) and %s\nrecipient id %s, sender id %s\n",
		keyPath, pubPath, pub.RecipientID(), pub.SenderID())
	return nil
}

// writeNew creates path with mode perm, refusing to overwrite a file.
func writeNew(path string, data []byte, perm os.FileMode) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		if errors.Is(err, os.ErrExist) {
			return fmt.Errorf("%s exists; refusing to overwrite a key", path)
		}
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(path)
		return err
	}
	return f.Close()
}

// writeAtomic writes data to path through a temporary file in the same
// directory, renamed into place only when complete.
func writeAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}

func readPublicKeys(list string) ([]envelope.PublicKey, error) {
	var keys []envelope.PublicKey
	for _, p := range strings.Split(list, ",") {
		if p == "" {
			continue
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		k, err := envelope.ParsePublicKey(string(b))
		if err != nil {
			return nil, fmt.Errorf("%s: not a toyvoice public key", p)
		}
		keys = append(keys, k)
	}
	return keys, nil
}

func readPrivateKey(path string) (*envelope.PrivateKey, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	defer clear(b)
	k, err := envelope.ParsePrivateKey(string(b))
	if err != nil {
		return nil, fmt.Errorf("%s: not a toyvoice private key", path)
	}
	return k, nil
}

func runSeal(e *env, args []string) error {
	fs := flag.NewFlagSet("seal", flag.ContinueOnError)
	to := fs.String("to", "", "recipients' public key files, comma separated")
	from := fs.String("from", "", "your private key file")
	codec := fs.String("codec", "", "codec name for the metadata (default: wav for WAV files, else from the extension)")
	rate := fs.Int("rate", 0, "sample rate for the metadata (default: from a WAV file)")
	chunk := fs.Int("chunk", envelope.DefaultChunkSize, "chunk size in bytes (power of two, 256..65536)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usagef("want IN and OUT")
	}
	if *to == "" || *from == "" {
		return usagef("--to and --from are required")
	}
	recipients, err := readPublicKeys(*to)
	if err != nil {
		return err
	}
	if len(recipients) == 0 {
		return usagef("--to names no key")
	}
	key, err := readPrivateKey(*from)
	if err != nil {
		return err
	}
	defer key.Destroy()
	payload, err := os.ReadFile(pos[0])
	if err != nil {
		return err
	}
	meta := envelope.Metadata{Codec: *codec, SampleRate: *rate}
	if a, err := loadAudio(pos[0]); err == nil && a.rate > 0 && a.channels > 0 {
		if meta.Codec == "" {
			meta.Codec = codecFromName(pos[0])
		}
		if meta.SampleRate == 0 {
			meta.SampleRate = a.rate
		}
		meta.Channels = a.channels
		meta.Duration = time.Duration(len(a.pcm)/a.channels) * time.Second / time.Duration(a.rate)
	}
	if meta.Codec == "" {
		meta.Codec = codecFromName(pos[0])
	}
	msg, err := envelope.Seal(nil, payload, &meta, key, recipients, envelope.WithChunkSize(*chunk))
	if errors.Is(err, envelope.ErrOption) {
		return usagef("%v (check --chunk, --codec, --rate and that --to lists each key once)", err)
	}
	if err != nil {
		return err
	}
	if err := writeAtomic(pos[1], msg); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "sealed %s (%d bytes, %s) for %d recipient(s) -> %s (%d bytes), message id %x\n",
		pos[0], len(payload), meta.Codec, len(recipients), pos[1], len(msg), meta.MessageID[:])
	return nil
}

// codecFromName guesses a metadata codec name from a file extension.
func codecFromName(name string) string {
	ext := strings.ToLower(strings.TrimPrefix(filepath.Ext(name), "."))
	switch ext {
	case "wav":
		return envelope.CodecWAV
	case "opus", "ogg", "oga":
		return envelope.CodecOpus
	case "g722":
		return envelope.CodecG722
	case "ul", "ulaw", "mulaw":
		return envelope.CodecULaw
	case "al", "alaw":
		return envelope.CodecALaw
	case "adpcm", "ima":
		return envelope.CodecIMAADPCM
	case "raw", "pcm", "s16":
		return envelope.CodecPCM16
	}
	return ""
}

func runOpen(e *env, args []string) error {
	fs := flag.NewFlagSet("open", flag.ContinueOnError)
	keyPath := fs.String("key", "", "your private key file")
	trust := fs.String("trust", "", "public key files of the senders you accept, comma separated")
	seenPath := fs.String("seen", "", "file keeping the ids of opened messages (replay protection across runs)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usagef("want IN and OUT")
	}
	if *keyPath == "" || *trust == "" {
		return usagef("--key and --trust are required")
	}
	key, err := readPrivateKey(*keyPath)
	if err != nil {
		return err
	}
	defer key.Destroy()
	trusted, err := readPublicKeys(*trust)
	if err != nil {
		return err
	}
	seen, _ := envelope.NewReplayWindow(1024)
	if *seenPath != "" {
		if b, err := os.ReadFile(*seenPath); err == nil {
			if err := seen.UnmarshalBinary(b); err != nil {
				return fmt.Errorf("%s: corrupt replay state", *seenPath)
			}
		} else if !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	msg, err := os.ReadFile(pos[0])
	if err != nil {
		return err
	}
	o, err := envelope.NewOpener([]*envelope.PrivateKey{key}, envelope.NewContacts(trusted...), seen)
	if err != nil {
		return err
	}
	out, err := o.Open(nil, msg)
	if err != nil {
		return fmt.Errorf("%s rejected: %w", pos[0], err)
	}
	if err := writeAtomic(pos[1], out); err != nil {
		return err
	}
	if *seenPath != "" {
		if err := writeAtomic(*seenPath, seen.AppendBinary(nil)); err != nil {
			return err
		}
	}
	m := o.Metadata()
	sender := o.Sender()
	fmt.Fprintf(e.stdout, "opened %s from sender %s: %s, %d Hz, %d ch, %.2f s, created %s, message id %x -> %s (%d bytes)\n",
		pos[0], sender.SenderID(), m.Codec, m.SampleRate, m.Channels, m.Duration.Seconds(),
		m.Created.UTC().Format(time.RFC3339), m.MessageID[:], pos[1], len(out))
	return nil
}

// demoSeal seals the demo audio from a parent's key to a toy's key, opens
// it again as the toy and reports sizes.
func demoSeal(st *demoState) error {
	parent, err := envelope.GenerateKey(rand.Reader)
	if err != nil {
		return err
	}
	toy, err := envelope.GenerateKey(rand.Reader)
	if err != nil {
		return err
	}
	pcm := make([]byte, 2*len(st.pcm))
	for i, s := range st.pcm {
		binary.LittleEndian.PutUint16(pcm[2*i:], uint16(s))
	}
	meta := envelope.Metadata{Codec: "pcm-s16le", SampleRate: st.rate, Channels: st.channels}
	if st.rate > 0 && st.channels > 0 {
		meta.Duration = time.Duration(len(st.pcm)/st.channels) * time.Second / time.Duration(st.rate)
	}
	t0 := time.Now()
	msg, err := envelope.Seal(nil, pcm, &meta, parent, []envelope.PublicKey{toy.Public()})
	if err != nil {
		return err
	}
	sealTime := time.Since(t0)
	fmt.Fprintf(st.report, "seal       %d B of audio -> %d B sealed to the toy's key (%d B chunks, +%.1f %%) in %v\n",
		len(pcm), len(msg), envelope.DefaultChunkSize, 100*float64(len(msg)-len(pcm))/float64(max(len(pcm), 1)), sealTime.Round(time.Microsecond))
	seen, _ := envelope.NewReplayWindow(16)
	t0 = time.Now()
	out, m, err := envelope.Open(nil, msg, toy, envelope.NewContacts(parent.Public()), seen)
	if err != nil {
		return err
	}
	if !bytes.Equal(out, pcm) || m.MessageID != meta.MessageID {
		return errors.New("opened message differs from the sealed one")
	}
	fmt.Fprintf(st.report, "open       sender %s verified, %d B, %.2f s of %s at %d Hz, identical, in %v\n",
		parent.Public().SenderID(), len(out), m.Duration.Seconds(), m.Codec, m.SampleRate, time.Since(t0).Round(time.Microsecond))
	if _, _, err := envelope.Open(nil, msg, toy, envelope.NewContacts(parent.Public()), seen); errors.Is(err, envelope.ErrReplay) {
		fmt.Fprintln(st.report, "open       second delivery refused as a replay")
	}
	if st.outDir != "" {
		return writeAtomic(filepath.Join(st.outDir, "message.sealed"), msg)
	}
	return nil
}
