;;; package-lint-check.el --- Runs package-lint on resolution-ls.el  -*- lexical-binding: t; -*-

;;; Commentary:

;; emacs --batch -l editors/emacs/test/package-lint-check.el FILE...
;;
;; Prints every package-lint finding and exits non-zero if any is not
;; one of the findings the package's design calls for, each of which
;; is printed as "accepted":
;;
;; - `resolution-mode' is named as drafts' major mode is meant to be
;;   named, outside the package prefix "resolution-ls";
;; - `with-eval-after-load' on `lsp-mode' and `eglot' is how the package
;;   registers with clients that are optional: it loads neither;
;; - no Homepage or URL header: the project has no public home yet, and
;;   a made-up address would lead nowhere (it is installed from a clone).

;;; Code:

(require 'cl-lib)
(require 'package)
(package-activate-all)
(require 'package-lint)

(defconst package-lint-check-accepted-prefix-names '("resolution-mode")
  "Definitions allowed outside the package prefix.")

(defconst package-lint-check-accepted-after-load '(lsp-mode eglot)
  "Features the package may register with through `with-eval-after-load'.")

(defun package-lint-check--accepted-p (line message)
  "Whether the finding MESSAGE at LINE of the current buffer is accepted."
  (or (string= message "Package should have a Homepage or URL header.")
      (cl-some (lambda (name)
                 (string-prefix-p (format "\"%s\" doesn't start with package's prefix" name)
                                  message))
               package-lint-check-accepted-prefix-names)
      (and (string-prefix-p "`with-eval-after-load' is for use in configurations" message)
           (save-excursion
             (goto-char (point-min))
             (forward-line (1- line))
             (let ((form (ignore-errors (read (current-buffer)))))
               (and (eq (car-safe form) 'with-eval-after-load)
                    (memq (car (cdr-safe (nth 1 form)))
                          package-lint-check-accepted-after-load)))))))

(defun package-lint-check-file (file)
  "Lint FILE; print its findings; return non-nil if all are accepted."
  (with-temp-buffer
    (insert-file-contents file t)
    (emacs-lisp-mode)
    (let ((ok t) (base (file-name-nondirectory file)))
      (pcase-dolist (`(,line ,col ,type ,message) (package-lint-buffer))
        (let ((accepted (package-lint-check--accepted-p line message)))
          (unless accepted (setq ok nil))
          (message "%s:%d:%d: %s: %s" base line col
                   (if accepted (format "accepted %s" type) type) message)))
      ok)))

(let ((ok t))
  (dolist (file command-line-args-left)
    (unless (package-lint-check-file (expand-file-name file))
      (setq ok nil)))
  (setq command-line-args-left nil)
  (message "package-lint: %s" (if ok "no findings beyond the accepted ones" "FAILED"))
  (kill-emacs (if ok 0 1)))

;;; package-lint-check.el ends here
